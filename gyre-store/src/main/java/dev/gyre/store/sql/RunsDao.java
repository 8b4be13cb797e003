package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.LifecycleStage;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunData;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for the {@code runs} table and for reading runs back with their metrics, params, tags and inputs. */
final class RunsDao {
    static final String COLUMNS = "r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time,"
            + " r.end_time, r.lifecycle_stage, r.artifact_uri";
    private static final int CHUNK = 500;

    void insert(Connection c, RunInfo info) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time,"
                        + " deleted_time, lifecycle_stage, artifact_uri) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                info.runId(),
                Sql.nullableText(info.runName()),
                Long.parseLong(info.experimentId()),
                Sql.nullableText(info.userId()),
                info.status().name(),
                info.startTime(),
                Sql.nullableLong(info.endTime()),
                info.lifecycleStage().wireName(),
                info.artifactUri());
    }

    /** The run, or MLflow's RESOURCE_DOES_NOT_EXIST; {@code forUpdate} locks the row for this transaction. */
    RunInfo require(Connection c, String runId, boolean forUpdate) throws SQLException {
        return Sql.queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM runs r WHERE r.run_uuid = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        RunsDao::info,
                        runId == null ? "" : runId)
                .orElseThrow(() -> GyreException.notFound("Run with id=" + runId + " not found"));
    }

    /** Locks an existing, active run; the lock serialises concurrent writers to the same run. */
    RunInfo requireActiveForWrite(Connection c, String runId) throws SQLException {
        RunInfo info = require(c, runId, true);
        requireActive(info);
        return info;
    }

    static void requireActive(RunInfo info) {
        if (info.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw GyreException.invalid("The run " + info.runId() + " must be in the 'active' state. Current state"
                    + " is " + info.lifecycleStage().wireName() + ".");
        }
    }

    void update(Connection c, String runId, RunStatus status, Long endTime, String name) throws SQLException {
        Sql.update(
                c,
                "UPDATE runs SET status = ?, end_time = ?, name = ? WHERE run_uuid = ?",
                status.name(),
                Sql.nullableLong(endTime),
                Sql.nullableText(name),
                runId);
    }

    void setLifecycleStage(Connection c, String runId, LifecycleStage stage, long now) throws SQLException {
        Sql.update(
                c,
                "UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?",
                stage.wireName(),
                stage == LifecycleStage.DELETED ? now : Sql.NULL_BIGINT,
                runId);
    }

    Run load(Connection c, RunInfo info) throws SQLException {
        return load(c, List.of(info)).getFirst();
    }

    /** Runs with their data, in the order of {@code infos}, reading each table once per chunk of runs. */
    List<Run> load(Connection c, List<RunInfo> infos) throws SQLException {
        List<String> ids = infos.stream().map(RunInfo::runId).toList();
        Map<String, List<Metric>> metrics = new HashMap<>();
        Map<String, List<Param>> params = new HashMap<>();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        for (List<String> chunk : Sql.chunks(ids, CHUNK)) {
            String in = " IN (" + Sql.placeholders(chunk.size()) + ")";
            List<Object> args = new ArrayList<>(chunk);
            for (var e : Sql.query(
                    c,
                    "SELECT run_uuid, metric_key, metric_value, timestamp_ms, step, is_nan"
                            + " FROM latest_metrics WHERE run_uuid" + in + " ORDER BY metric_key",
                    rs -> Map.entry(rs.getString(1), metric(rs)),
                    args)) {
                metrics.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            for (var e : Sql.query(
                    c,
                    "SELECT run_uuid, param_key, param_value FROM params WHERE run_uuid" + in + " ORDER BY param_key",
                    rs -> Map.entry(rs.getString(1), new Param(rs.getString(2), rs.getString(3))),
                    args)) {
                params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            for (var e : Sql.query(
                    c,
                    "SELECT run_uuid, tag_key, tag_value FROM tags WHERE run_uuid" + in + " ORDER BY tag_key",
                    rs -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))),
                    args)) {
                tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            loadInputs(c, in, args, inputs);
        }
        List<Run> runs = new ArrayList<>(infos.size());
        for (RunInfo info : infos) {
            String id = info.runId();
            runs.add(new Run(
                    info,
                    new RunData(
                            metrics.getOrDefault(id, List.of()),
                            params.getOrDefault(id, List.of()),
                            tags.getOrDefault(id, List.of())),
                    inputs.getOrDefault(id, List.of())));
        }
        return runs;
    }

    private static void loadInputs(Connection c, String in, List<Object> args, Map<String, List<DatasetInput>> out)
            throws SQLException {
        record InputRow(String runId, String inputId, Dataset dataset) {}
        List<InputRow> rows = Sql.query(
                c,
                "SELECT i.run_uuid, i.input_uuid, d.name, d.digest, d.source_type,"
                        + " d.source, d.dataset_schema, d.dataset_profile FROM inputs i JOIN datasets d"
                        + " ON d.dataset_uuid = i.dataset_uuid WHERE i.run_uuid" + in + " ORDER BY d.name, d.digest",
                rs -> new InputRow(
                        rs.getString(1),
                        rs.getString(2),
                        new Dataset(
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8))),
                args);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, List<Tag>> inputTags = new HashMap<>();
        for (var e : Sql.query(
                c,
                "SELECT t.input_uuid, t.tag_key, t.tag_value FROM input_tags t JOIN inputs i"
                        + " ON i.input_uuid = t.input_uuid WHERE i.run_uuid" + in + " ORDER BY t.tag_key",
                rs -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))),
                args)) {
            inputTags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        Map<String, List<DatasetInput>> byRun = new LinkedHashMap<>();
        for (InputRow r : rows) {
            byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>())
                    .add(new DatasetInput(r.dataset(), inputTags.getOrDefault(r.inputId(), List.of())));
        }
        out.putAll(byRun);
    }

    static RunInfo info(ResultSet rs) throws SQLException {
        return new RunInfo(
                rs.getString("run_uuid"),
                rs.getString("name"),
                Long.toString(rs.getLong("experiment_id")),
                rs.getString("user_id"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getLong("start_time"),
                Sql.getLong(rs, "end_time"),
                rs.getString("artifact_uri"),
                LifecycleStage.fromWire(rs.getString("lifecycle_stage")));
    }

    /** A metric row (metric_key, metric_value, timestamp_ms, step, is_nan); NaN comes back from the flag. */
    static Metric metric(ResultSet rs) throws SQLException {
        double value = rs.getBoolean("is_nan") ? Double.NaN : rs.getDouble("metric_value");
        return new Metric(rs.getString("metric_key"), value, rs.getLong("timestamp_ms"), rs.getLong("step"));
    }
}
