package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelAlias;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.tracking.Tag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for {@code registered_models}, their tags and aliases. */
final class RegisteredModelsDao {
    static final String COLUMNS = "m.name, m.creation_time, m.last_updated_time, m.description, m.user_id";
    private static final int CHUNK = 500;

    /** A model row without versions, tags and aliases. */
    record Row(String name, long creationTime, long lastUpdatedTime, String description, String userId) {}

    private final ModelVersionsDao versions;

    RegisteredModelsDao(ModelVersionsDao versions) {
        this.versions = versions;
    }

    void insert(Connection c, String name, String description, long now) throws SQLException {
        try {
            Sql.update(
                    c,
                    "INSERT INTO registered_models (name, creation_time, last_updated_time, description,"
                            + " user_id, version_counter) VALUES (?, ?, ?, ?, NULL, 0)",
                    name,
                    now,
                    now,
                    Sql.nullableText(description));
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw alreadyExists(name);
            }
            throw e;
        }
    }

    static GyreException alreadyExists(String name) {
        return GyreException.alreadyExists("Registered Model (name=" + name + ") already exists.");
    }

    static GyreException notFound(String name) {
        return GyreException.notFound("Registered Model with name=" + name + " not found");
    }

    Row require(Connection c, String name, boolean forUpdate) throws SQLException {
        return Sql.queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM registered_models m WHERE m.name = ?"
                                + (forUpdate ? " FOR UPDATE" : ""),
                        RegisteredModelsDao::row,
                        name)
                .orElseThrow(() -> notFound(name));
    }

    boolean exists(Connection c, String name) throws SQLException {
        return Sql.queryOne(c, "SELECT 1 FROM registered_models WHERE name = ?", rs -> 1, name)
                .isPresent();
    }

    /** Issues the next version number: one more than the highest ever issued, so numbers are never reused. */
    long nextVersion(Connection c, String name, long now) throws SQLException {
        int n = Sql.update(
                c,
                "UPDATE registered_models SET version_counter = version_counter + 1,"
                        + " last_updated_time = ? WHERE name = ?",
                now,
                name);
        if (n == 0) {
            throw notFound(name);
        }
        return Sql.queryOne(
                        c, "SELECT version_counter FROM registered_models WHERE name = ?", rs -> rs.getLong(1), name)
                .orElseThrow();
    }

    void touch(Connection c, String name, long now) throws SQLException {
        Sql.update(c, "UPDATE registered_models SET last_updated_time = ? WHERE name = ?", now, name);
    }

    void upsertTag(Connection c, String name, Tag tag) throws SQLException {
        int n = Sql.update(
                c,
                "UPDATE registered_model_tags SET tag_value = ? WHERE name = ? AND tag_key = ?",
                Sql.nullableText(tag.value()),
                name,
                tag.key());
        if (n == 0) {
            Sql.update(
                    c,
                    "INSERT INTO registered_model_tags (name, tag_key, tag_value) VALUES (?, ?, ?)",
                    name,
                    tag.key(),
                    Sql.nullableText(tag.value()));
        }
    }

    RegisteredModel load(Connection c, Row row) throws SQLException {
        return load(c, List.of(row)).getFirst();
    }

    /** Models with their latest version per stage, tags and aliases, in the order given. */
    List<RegisteredModel> load(Connection c, List<Row> rows) throws SQLException {
        List<String> names = rows.stream().map(Row::name).toList();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<ModelAlias>> aliases = new HashMap<>();
        for (List<String> chunk : Sql.chunks(names, CHUNK)) {
            List<Object> args = new ArrayList<>(chunk);
            String in = " IN (" + Sql.placeholders(chunk.size()) + ")";
            for (var e : Sql.query(
                    c,
                    "SELECT name, tag_key, tag_value FROM registered_model_tags WHERE name" + in + " ORDER BY tag_key",
                    rs -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))),
                    args)) {
                tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            for (var e : Sql.query(
                    c,
                    "SELECT name, alias, version FROM registered_model_aliases WHERE name" + in + " ORDER BY alias",
                    rs -> Map.entry(rs.getString(1), new ModelAlias(rs.getString(2), rs.getLong(3))),
                    args)) {
                aliases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        Map<String, List<ModelVersion>> latest = new HashMap<>();
        for (ModelVersion v : versions.load(c, versions.latestPerStage(c, names))) {
            latest.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
        }
        List<RegisteredModel> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RegisteredModel(
                    r.name(),
                    r.creationTime(),
                    r.lastUpdatedTime(),
                    r.userId(),
                    r.description(),
                    latest.getOrDefault(r.name(), List.of()),
                    tags.getOrDefault(r.name(), List.of()),
                    aliases.getOrDefault(r.name(), List.of())));
        }
        return out;
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString("name"),
                rs.getLong("creation_time"),
                rs.getLong("last_updated_time"),
                rs.getString("description"),
                rs.getString("user_id"));
    }
}
