package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.Validation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes a log-batch: params (immutable), metrics (history plus latest value per key) and tags (overwritten).
 * The caller has locked the run row, so writers to one run are serialised and the read-then-write maintenance of
 * {@code latest_metrics}, {@code params} and {@code tags} cannot race. Rows go in as JDBC batches: a 1000-metric
 * batch costs a handful of statements, not thousands.
 */
final class RunDataWriter {
    static final String RUN_NAME_TAG = Validation.RUN_NAME_TAG;
    private static final int CHUNK = 500;

    void write(Connection c, String runId, List<Metric> metrics, List<Param> params, List<Tag> tags)
            throws SQLException {
        writeParams(c, runId, params);
        writeMetrics(c, runId, metrics);
        writeTags(c, runId, tags);
    }

    // ---- params ---------------------------------------------------------------------------------------------

    private void writeParams(Connection c, String runId, List<Param> params) throws SQLException {
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> existing = new HashMap<>();
        for (List<Param> chunk : Sql.chunks(params, CHUNK)) {
            List<Object> args = new ArrayList<>();
            args.add(runId);
            chunk.forEach(p -> args.add(p.key()));
            for (Param p : Sql.query(
                    c,
                    "SELECT param_key, param_value FROM params WHERE run_uuid = ? AND param_key IN ("
                            + Sql.placeholders(chunk.size()) + ")",
                    rs -> new Param(rs.getString(1), rs.getString(2)),
                    args)) {
                existing.put(p.key(), p.value());
            }
        }
        List<Param> fresh = new ArrayList<>();
        StringJoiner mismatches = new StringJoiner(", ", "[", "]");
        boolean mismatch = false;
        for (Param p : params) {
            String old = existing.get(p.key());
            if (old == null) {
                fresh.add(p);
            } else if (!old.equals(p.value())) {
                mismatch = true;
                mismatches.add(
                        "{'key': '" + p.key() + "', 'old_value': '" + old + "', 'new_value': '" + p.value() + "'}");
            }
        }
        if (mismatch) {
            throw GyreException.invalid("Changing param values is not allowed. Params were already logged='"
                    + mismatches + "' for run ID='" + runId + "'.");
        }
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO params (run_uuid, param_key, param_value) VALUES (?, ?, ?)")) {
            for (Param p : fresh) {
                ps.setString(1, runId);
                ps.setString(2, p.key());
                ps.setString(3, p.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- metrics --------------------------------------------------------------------------------------------

    /** A metric as stored: NaN becomes value 0 with the flag set, so that it sorts and indexes sanely. */
    private record Stored(String key, double value, long timestamp, long step, boolean isNan) {
        static Stored of(Metric m) {
            boolean nan = Double.isNaN(m.value());
            return new Stored(m.key(), nan ? 0.0 : m.value(), m.timestamp(), m.step(), nan);
        }

        /** MLflow's "more recent" order: step, then timestamp, then value. */
        boolean newerThan(Stored o) {
            if (step != o.step) {
                return step > o.step;
            }
            if (timestamp != o.timestamp) {
                return timestamp > o.timestamp;
            }
            return Double.compare(value, o.value) > 0;
        }
    }

    private void writeMetrics(Connection c, String runId, List<Metric> metrics) throws SQLException {
        if (metrics.isEmpty()) {
            return;
        }
        // Identical observations are stored once (the primary key), as MLflow does.
        Set<Stored> unique = new LinkedHashSet<>();
        for (Metric m : metrics) {
            unique.add(Stored.of(m));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics (run_uuid, metric_key, step, timestamp_ms,"
                + " metric_value, is_nan) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Stored m : unique) {
                ps.setString(1, runId);
                ps.setString(2, m.key());
                ps.setLong(3, m.step());
                ps.setLong(4, m.timestamp());
                ps.setDouble(5, m.value());
                ps.setBoolean(6, m.isNan());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        updateLatest(c, runId, unique);
    }

    private void updateLatest(Connection c, String runId, Set<Stored> logged) throws SQLException {
        Map<String, Stored> newest = new LinkedHashMap<>();
        for (Stored m : logged) {
            newest.merge(m.key(), m, (a, b) -> b.newerThan(a) ? b : a);
        }
        Map<String, Stored> current = new HashMap<>();
        for (List<String> chunk : Sql.chunks(List.copyOf(newest.keySet()), CHUNK)) {
            List<Object> args = new ArrayList<>();
            args.add(runId);
            args.addAll(chunk);
            for (Stored s : Sql.query(
                    c,
                    "SELECT metric_key, metric_value, timestamp_ms, step, is_nan FROM latest_metrics"
                            + " WHERE run_uuid = ? AND metric_key IN (" + Sql.placeholders(chunk.size()) + ")",
                    rs -> new Stored(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)),
                    args)) {
                current.put(s.key(), s);
            }
        }
        List<Stored> inserts = new ArrayList<>();
        List<Stored> updates = new ArrayList<>();
        for (Stored m : newest.values()) {
            Stored old = current.get(m.key());
            if (old == null) {
                inserts.add(m);
            } else if (m.newerThan(old)) {
                updates.add(m);
            }
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO latest_metrics (run_uuid, metric_key, step,"
                    + " timestamp_ms, metric_value, is_nan) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Stored m : inserts) {
                    ps.setString(1, runId);
                    ps.setString(2, m.key());
                    ps.setLong(3, m.step());
                    ps.setLong(4, m.timestamp());
                    ps.setDouble(5, m.value());
                    ps.setBoolean(6, m.isNan());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE latest_metrics SET step = ?, timestamp_ms = ?,"
                    + " metric_value = ?, is_nan = ? WHERE run_uuid = ? AND metric_key = ?")) {
                for (Stored m : updates) {
                    ps.setLong(1, m.step());
                    ps.setLong(2, m.timestamp());
                    ps.setDouble(3, m.value());
                    ps.setBoolean(4, m.isNan());
                    ps.setString(5, runId);
                    ps.setString(6, m.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    // ---- tags -----------------------------------------------------------------------------------------------

    private void writeTags(Connection c, String runId, List<Tag> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        List<Tag> latest = ExperimentsDao.lastValuePerKey(tags);
        Set<String> existing = new HashSet<>();
        for (List<Tag> chunk : Sql.chunks(latest, CHUNK)) {
            List<Object> args = new ArrayList<>();
            args.add(runId);
            chunk.forEach(t -> args.add(t.key()));
            existing.addAll(Sql.query(
                    c,
                    "SELECT tag_key FROM tags WHERE run_uuid = ? AND tag_key IN (" + Sql.placeholders(chunk.size())
                            + ")",
                    rs -> rs.getString(1),
                    args));
        }
        try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO tags (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)");
                PreparedStatement update =
                        c.prepareStatement("UPDATE tags SET tag_value = ? WHERE run_uuid = ? AND tag_key = ?")) {
            boolean anyInsert = false;
            boolean anyUpdate = false;
            for (Tag t : latest) {
                if (existing.contains(t.key())) {
                    Sql.bindOne(update, 1, Sql.nullableText(t.value()));
                    update.setString(2, runId);
                    update.setString(3, t.key());
                    update.addBatch();
                    anyUpdate = true;
                } else {
                    insert.setString(1, runId);
                    insert.setString(2, t.key());
                    Sql.bindOne(insert, 3, Sql.nullableText(t.value()));
                    insert.addBatch();
                    anyInsert = true;
                }
            }
            if (anyInsert) {
                insert.executeBatch();
            }
            if (anyUpdate) {
                update.executeBatch();
            }
        }
        for (Tag t : latest) {
            if (t.key().equals(RUN_NAME_TAG)) {
                // As in MLflow, setting the mlflow.runName tag renames the run.
                Sql.update(c, "UPDATE runs SET name = ? WHERE run_uuid = ?", Sql.nullableText(t.value()), runId);
            }
        }
    }
}
