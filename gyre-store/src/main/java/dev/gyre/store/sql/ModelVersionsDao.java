package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.ModelVersionStatus;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for {@code model_versions}, their tags, and the aliases that point at them. */
final class ModelVersionsDao {
    static final String COLUMNS = "v.name, v.version, v.creation_time, v.last_updated_time, v.description,"
            + " v.user_id, v.current_stage, v.source, v.run_id, v.run_link, v.status, v.status_message";
    private static final int CHUNK = 500;

    /** A version row without tags and aliases. */
    record Row(
            String name,
            long version,
            long creationTime,
            long lastUpdatedTime,
            String description,
            String userId,
            Stage stage,
            String source,
            String runId,
            String runLink,
            ModelVersionStatus status,
            String statusMessage) {}

    void insert(Connection c, Row r) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description,"
                        + " user_id, current_stage, source, run_id, run_link, status, status_message)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.name(),
                r.version(),
                r.creationTime(),
                r.lastUpdatedTime(),
                Sql.nullableText(r.description()),
                Sql.nullableText(r.userId()),
                r.stage().wireName(),
                Sql.nullableText(r.source()),
                Sql.nullableText(r.runId()),
                Sql.nullableText(r.runLink()),
                r.status().name(),
                Sql.nullableText(r.statusMessage()));
    }

    Row require(Connection c, String name, long version, boolean forUpdate) throws SQLException {
        return Sql.queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM model_versions v WHERE v.name = ? AND v.version = ?"
                                + (forUpdate ? " FOR UPDATE" : ""),
                        ModelVersionsDao::row,
                        name,
                        version)
                .orElseThrow(() -> notFound(name, version));
    }

    static GyreException notFound(String name, long version) {
        return GyreException.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
    }

    ModelVersion load(Connection c, Row row) throws SQLException {
        return load(c, List.of(row)).getFirst();
    }

    /** Versions with their tags and aliases, in the order given. */
    List<ModelVersion> load(Connection c, List<Row> rows) throws SQLException {
        List<String> names = rows.stream().map(Row::name).distinct().toList();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<String>> aliases = new HashMap<>();
        for (List<String> chunk : Sql.chunks(names, CHUNK)) {
            List<Object> args = new ArrayList<>(chunk);
            String in = " IN (" + Sql.placeholders(chunk.size()) + ")";
            for (var e : Sql.query(
                    c,
                    "SELECT name, version, tag_key, tag_value FROM model_version_tags WHERE name" + in
                            + " ORDER BY tag_key",
                    rs -> Map.entry(key(rs.getString(1), rs.getLong(2)), new Tag(rs.getString(3), rs.getString(4))),
                    args)) {
                tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            for (var e : Sql.query(
                    c,
                    "SELECT name, version, alias FROM registered_model_aliases WHERE name" + in + " ORDER BY alias",
                    rs -> Map.entry(key(rs.getString(1), rs.getLong(2)), rs.getString(3)),
                    args)) {
                aliases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<ModelVersion> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String k = key(r.name(), r.version());
            out.add(new ModelVersion(
                    r.name(),
                    r.version(),
                    r.creationTime(),
                    r.lastUpdatedTime(),
                    r.userId(),
                    r.stage(),
                    r.description(),
                    r.source(),
                    r.runId(),
                    r.status(),
                    r.statusMessage(),
                    r.runLink(),
                    tags.getOrDefault(k, List.of()),
                    aliases.getOrDefault(k, List.of())));
        }
        return out;
    }

    /** The newest version in each stage, for the given models. */
    List<Row> latestPerStage(Connection c, List<String> names) throws SQLException {
        List<Row> out = new ArrayList<>();
        for (List<String> chunk : Sql.chunks(names, CHUNK)) {
            out.addAll(Sql.query(
                    c,
                    "SELECT " + COLUMNS + " FROM model_versions v WHERE v.name IN ("
                            + Sql.placeholders(chunk.size())
                            + ") AND v.version = (SELECT MAX(v2.version) FROM model_versions"
                            + " v2 WHERE v2.name = v.name AND v2.current_stage = v.current_stage) ORDER BY v.name, v.version",
                    ModelVersionsDao::row,
                    new ArrayList<Object>(chunk)));
        }
        return out;
    }

    void upsertTag(Connection c, String name, long version, Tag tag) throws SQLException {
        int n = Sql.update(
                c,
                "UPDATE model_version_tags SET tag_value = ? WHERE name = ? AND version = ?" + " AND tag_key = ?",
                tag.value(),
                name,
                version,
                tag.key());
        if (n == 0) {
            Sql.update(
                    c,
                    "INSERT INTO model_version_tags (name, version, tag_key, tag_value) VALUES (?, ?, ?, ?)",
                    name,
                    version,
                    tag.key(),
                    tag.value());
        }
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString("name"),
                rs.getLong("version"),
                rs.getLong("creation_time"),
                rs.getLong("last_updated_time"),
                rs.getString("description"),
                rs.getString("user_id"),
                Stage.fromWire(rs.getString("current_stage")),
                rs.getString("source"),
                rs.getString("run_id"),
                rs.getString("run_link"),
                ModelVersionStatus.valueOf(rs.getString("status")),
                rs.getString("status_message"));
    }

    private static String key(String name, long version) {
        return version + "\u0000" + name;
    }
}
