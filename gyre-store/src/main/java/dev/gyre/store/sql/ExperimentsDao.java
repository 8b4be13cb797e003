package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.LifecycleStage;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.TrackingStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code experiments} and {@code experiment_tags} tables; callers own the transaction. */
final class ExperimentsDao {
    static final String COLUMNS =
            "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time";

    /** An experiment row without its tags. */
    record Row(
            long id,
            String name,
            String artifactLocation,
            LifecycleStage stage,
            long creationTime,
            long lastUpdateTime) {
        Experiment withTags(List<Tag> tags) {
            return new Experiment(Long.toString(id), name, artifactLocation, stage, creationTime, lastUpdateTime, tags);
        }
    }

    private final String defaultArtifactRoot;

    ExperimentsDao(String defaultArtifactRoot) {
        this.defaultArtifactRoot = defaultArtifactRoot;
    }

    /** {@code root} joined with the experiment id: {@code mlflow-artifacts:/} + 1, {@code /tmp/x} + 1. */
    String defaultArtifactLocation(long experimentId) {
        return defaultArtifactRoot.endsWith("/")
                ? defaultArtifactRoot + experimentId
                : defaultArtifactRoot + "/" + experimentId;
    }

    void createDefaultIfMissing(Connection c, long now) throws SQLException {
        if (find(c, 0).isEmpty()) {
            Sql.update(
                    c,
                    "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage,"
                            + " creation_time, last_update_time) VALUES (0, ?, ?, 'active', ?, ?)",
                    TrackingStore.DEFAULT_EXPERIMENT_NAME,
                    defaultArtifactLocation(0),
                    now,
                    now);
        }
    }

    long insert(Connection c, String name, String artifactLocation, List<Tag> tags, long now) throws SQLException {
        long id = Sql.queryOne(c, "SELECT nextval('experiments_id_seq')", rs -> rs.getLong(1))
                .orElseThrow();
        String location =
                artifactLocation == null || artifactLocation.isEmpty() ? defaultArtifactLocation(id) : artifactLocation;
        try {
            Sql.update(
                    c,
                    "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage,"
                            + " creation_time, last_update_time) VALUES (?, ?, ?, 'active', ?, ?)",
                    id,
                    name,
                    location,
                    now,
                    now);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw GyreException.alreadyExists("Experiment(name=" + name + ") already exists.");
            }
            throw e;
        }
        for (Tag tag : lastValuePerKey(tags)) {
            upsertTag(c, id, tag);
        }
        return id;
    }

    Optional<Row> find(Connection c, long id) throws SQLException {
        return Sql.queryOne(
                c, "SELECT " + COLUMNS + " FROM experiments e WHERE e.experiment_id = ?", ExperimentsDao::row, id);
    }

    /** The experiment, or MLflow's RESOURCE_DOES_NOT_EXIST; {@code forUpdate} locks its row. */
    Row require(Connection c, String experimentId, boolean forUpdate) throws SQLException {
        Optional<Long> id = parseId(experimentId);
        Optional<Row> row = id.isEmpty()
                ? Optional.empty()
                : Sql.queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM experiments e WHERE e.experiment_id = ?"
                                + (forUpdate ? " FOR UPDATE" : ""),
                        ExperimentsDao::row,
                        id.get());
        return row.orElseThrow(() -> GyreException.notFound("No Experiment with id=" + experimentId + " exists"));
    }

    static void requireActive(Row row) {
        if (row.stage() != LifecycleStage.ACTIVE) {
            throw GyreException.invalid("The experiment " + row.id() + " must be in the 'active' state. Current"
                    + " state is " + row.stage().wireName() + ".");
        }
    }

    Optional<Row> findByName(Connection c, String name) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM experiments e WHERE e.name = ?", ExperimentsDao::row, name);
    }

    Experiment load(Connection c, Row row) throws SQLException {
        return row.withTags(tags(c, List.of(row.id())).getOrDefault(row.id(), List.of()));
    }

    List<Experiment> load(Connection c, List<Row> rows) throws SQLException {
        Map<Long, List<Tag>> tags = tags(c, rows.stream().map(Row::id).toList());
        List<Experiment> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.withTags(tags.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    void rename(Connection c, long id, String newName, long now) throws SQLException {
        try {
            Sql.update(
                    c,
                    "UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?",
                    newName,
                    now,
                    id);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw GyreException.alreadyExists("Experiment(name=" + newName + ") already exists.");
            }
            throw e;
        }
    }

    /** Sets the experiment's stage and, as MLflow does, the stage of all its runs. */
    void setLifecycleStage(Connection c, long id, LifecycleStage stage, long now) throws SQLException {
        Sql.update(
                c,
                "UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?",
                stage.wireName(),
                now,
                id);
        if (stage == LifecycleStage.DELETED) {
            Sql.update(
                    c,
                    "UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE experiment_id = ?"
                            + " AND lifecycle_stage = 'active'",
                    now,
                    id);
        } else {
            Sql.update(
                    c, "UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE experiment_id = ?", id);
        }
    }

    void upsertTag(Connection c, long id, Tag tag) throws SQLException {
        int updated = Sql.update(
                c,
                "UPDATE experiment_tags SET tag_value = ? WHERE experiment_id = ? AND tag_key = ?",
                Sql.nullableText(tag.value()),
                id,
                tag.key());
        if (updated == 0) {
            Sql.update(
                    c,
                    "INSERT INTO experiment_tags (experiment_id, tag_key, tag_value) VALUES (?, ?, ?)",
                    id,
                    tag.key(),
                    Sql.nullableText(tag.value()));
        }
    }

    private Map<Long, List<Tag>> tags(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<Tag>> out = new HashMap<>();
        for (List<Long> chunk : Sql.chunks(ids, 500)) {
            List<Object> args = new ArrayList<>(chunk);
            for (var t : Sql.query(
                    c,
                    "SELECT experiment_id, tag_key, tag_value FROM experiment_tags" + " WHERE experiment_id IN ("
                            + Sql.placeholders(chunk.size()) + ") ORDER BY tag_key",
                    rs -> Map.entry(rs.getLong(1), new Tag(rs.getString(2), rs.getString(3))),
                    args)) {
                out.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(t.getValue());
            }
        }
        return out;
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong("experiment_id"),
                rs.getString("name"),
                rs.getString("artifact_location"),
                LifecycleStage.fromWire(rs.getString("lifecycle_stage")),
                rs.getLong("creation_time"),
                rs.getLong("last_update_time"));
    }

    static Optional<Long> parseId(String experimentId) {
        if (experimentId == null || experimentId.isEmpty() || experimentId.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < experimentId.length(); i++) {
            char ch = experimentId.charAt(i);
            if (ch < '0' || ch > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(experimentId));
    }

    /** When a key repeats, the last value wins (MLflow's behaviour for tag lists). */
    static List<Tag> lastValuePerKey(List<Tag> tags) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        for (Tag t : tags) {
            byKey.put(t.key(), t);
        }
        return List.copyOf(byKey.values());
    }
}
