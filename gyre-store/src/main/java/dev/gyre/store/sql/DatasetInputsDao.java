package dev.gyre.store.sql;

import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * log-inputs: a dataset (name + digest) is stored once per experiment and linked to each run that used it;
 * linking the same dataset to a run again is a no-op, as in MLflow.
 */
final class DatasetInputsDao {

    void log(Connection c, String runId, long experimentId, List<DatasetInput> inputs) throws SQLException {
        Map<List<String>, DatasetInput> unique = new LinkedHashMap<>();
        for (DatasetInput in : inputs) {
            unique.putIfAbsent(List.of(in.dataset().name(), in.dataset().digest()), in);
        }
        for (DatasetInput in : unique.values()) {
            String datasetId = findOrCreate(c, experimentId, in.dataset());
            boolean linked = Sql.queryOne(
                            c,
                            "SELECT input_uuid FROM inputs WHERE run_uuid = ? AND dataset_uuid = ?",
                            rs -> rs.getString(1),
                            runId,
                            datasetId)
                    .isPresent();
            if (linked) {
                continue;
            }
            String inputId = UUID.randomUUID().toString().replace("-", "");
            Sql.update(
                    c,
                    "INSERT INTO inputs (input_uuid, dataset_uuid, run_uuid) VALUES (?, ?, ?)",
                    inputId,
                    datasetId,
                    runId);
            for (Tag tag : ExperimentsDao.lastValuePerKey(in.tags())) {
                Sql.update(
                        c,
                        "INSERT INTO input_tags (input_uuid, tag_key, tag_value) VALUES (?, ?, ?)",
                        inputId,
                        tag.key(),
                        tag.value());
            }
        }
    }

    /** Concurrent writers may race to create the same dataset: ON CONFLICT lets the loser reuse the winner's. */
    private static String findOrCreate(Connection c, long experimentId, Dataset d) throws SQLException {
        Optional<String> existing = find(c, experimentId, d);
        if (existing.isPresent()) {
            return existing.get();
        }
        Sql.update(
                c,
                "INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, source_type, source,"
                        + " dataset_schema, dataset_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                UUID.randomUUID().toString().replace("-", ""),
                experimentId,
                d.name(),
                d.digest(),
                d.sourceType(),
                d.source(),
                Sql.nullableText(d.schema()),
                Sql.nullableText(d.profile()));
        return find(c, experimentId, d).orElseThrow();
    }

    private static Optional<String> find(Connection c, long experimentId, Dataset d) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?",
                rs -> rs.getString(1),
                experimentId,
                d.name(),
                d.digest());
    }
}
