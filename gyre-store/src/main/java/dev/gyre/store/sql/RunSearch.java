package dev.gyre.store.sql;

import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.search.Comparator;
import dev.gyre.store.search.Comparison;
import dev.gyre.store.search.OrderBy;
import dev.gyre.store.search.SearchValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a parsed run filter and order-by into one SQL query over {@code runs}. Metric comparisons become an IN
 * over the (key, value) index of latest_metrics; param, tag and dataset comparisons become correlated EXISTS
 * sub-queries (primary-key lookups by run and key); order-by on metrics, params and tags becomes a LEFT JOIN per key. The default order (start_time DESC, run_uuid) matches the runs index, so a
 * first page need not sort the whole experiment.
 */
final class RunSearch {
    private static final Map<String, String> ATTRIBUTE_COLUMNS = Map.of(
            "run_id", "r.run_uuid", "run_name", "r.name", "status", "r.status", "user_id", "r.user_id",
            "start_time", "r.start_time", "end_time", "r.end_time", "artifact_uri", "r.artifact_uri",
            "lifecycle_stage", "r.lifecycle_stage", "experiment_id", "r.experiment_id");


    private RunSearch() {}

    static SqlQuery compile(Dialect dialect, List<Long> experimentIds, ViewType viewType, List<Comparison> filter,
            List<OrderBy> orderBy, int limit, long offset) {
        List<Object> joinArgs = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        List<String> orderTerms = new ArrayList<>();
        if (experimentIds.size() == 1) {
            // A no-op for one experiment, but it lets H2 see that runs_experiment_start_idx delivers the rows
            // already sorted, so a first page stops scanning at the page size.
            orderTerms.add("r.experiment_id");
        }
        boolean hasStartTime = false;
        boolean hasRunId = false;
        for (int i = 0; i < orderBy.size(); i++) {
            OrderBy o = orderBy.get(i);
            String alias = "o" + i;
            switch (o.type()) {
                case METRIC -> {
                    joins.append(" LEFT JOIN latest_metrics ").append(alias).append(" ON ").append(alias)
                            .append(".run_uuid = r.run_uuid AND ").append(alias).append(".metric_key = ?");
                    joinArgs.add(o.key());
                    // Values first, then NaN, then runs without the metric, in either direction (as MLflow).
                    orderTerms.add("CASE WHEN " + alias + ".run_uuid IS NULL THEN 2 WHEN " + alias
                            + ".is_nan THEN 1 ELSE 0 END, " + alias + ".metric_value" + (o.ascending() ? " ASC" : " DESC"));
                }
                case PARAM, TAG -> {
                    String table = o.type() == dev.gyre.store.search.EntityType.PARAM ? "params" : "tags";
                    String prefix = o.type() == dev.gyre.store.search.EntityType.PARAM ? "param" : "tag";
                    joins.append(" LEFT JOIN ").append(table).append(' ').append(alias).append(" ON ").append(alias)
                            .append(".run_uuid = r.run_uuid AND ").append(alias).append('.').append(prefix)
                            .append("_key = ?");
                    joinArgs.add(o.key());
                    orderTerms.add(SqlPredicates.nullsLast(alias + "." + prefix + "_value", o.ascending()));
                }
                case ATTRIBUTE -> {
                    hasStartTime |= o.key().equals("start_time");
                    hasRunId |= o.key().equals("run_id");
                    String column = ATTRIBUTE_COLUMNS.get(o.key());
                    orderTerms.add(o.key().equals("start_time") || o.key().equals("run_id")
                            ? column + (o.ascending() ? " ASC" : " DESC")
                            : SqlPredicates.nullsLast(column, o.ascending()));
                }
                case DATASET -> throw new IllegalStateException("datasets are not orderable");
            }
        }
        if (!hasStartTime) {
            orderTerms.add("r.start_time DESC");
        }
        if (!hasRunId) {
            orderTerms.add("r.run_uuid ASC");
        }

        StringBuilder where = new StringBuilder(" WHERE r.experiment_id IN (")
                .append(Sql.placeholders(experimentIds.size())).append(')');
        whereArgs.addAll(experimentIds);
        List<String> stages = SqlPredicates.stages(viewType);
        where.append(" AND r.lifecycle_stage IN (").append(Sql.placeholders(stages.size())).append(')');
        whereArgs.addAll(stages);
        for (Comparison c : filter) {
            where.append(" AND ").append(predicate(c, whereArgs));
        }

        List<Object> args = new ArrayList<>(joinArgs);
        args.addAll(whereArgs);
        args.add((long) limit);
        args.add(offset);
        // H2 would otherwise pick the foreign key's own index on experiment_id (equal cost to its planner) and sort
        // every run of the experiment; PostgreSQL's planner chooses well without help.
        String from = dialect == Dialect.H2 ? " FROM runs r USE INDEX (runs_experiment_start_idx)" : " FROM runs r";
        String sql = "SELECT " + RunsDao.COLUMNS + from + joins + where + " ORDER BY "
                + String.join(", ", orderTerms) + " LIMIT ? OFFSET ?";
        return new SqlQuery(sql, args);
    }

    private static String predicate(Comparison c, List<Object> args) {
        return switch (c.type()) {
            case METRIC -> {
                args.add(c.key());
                args.add(((SearchValue.Number) c.value()).asDouble());
                // NaN is stored as 0 with is_nan set: it equals nothing, and differs from everything.
                String cond = c.comparator() == Comparator.NE
                        ? "(f.is_nan = TRUE OR f.metric_value <> ?)"
                        : "f.is_nan = FALSE AND f.metric_value " + c.comparator().symbol() + " ?";
                // A non-correlated IN: evaluated once over latest_metrics_key_value_idx (a range scan), then a
                // hash lookup per run. A selective metric filter then costs one index range, not one probe per run.
                yield "r.run_uuid IN (SELECT f.run_uuid FROM latest_metrics f WHERE f.metric_key = ? AND " + cond + ")";
            }
            case PARAM -> keyValue("params", "param", c, args);
            case TAG -> keyValue("tags", "tag", c, args);
            case ATTRIBUTE -> SqlPredicates.compare(ATTRIBUTE_COLUMNS.get(c.key()), c.comparator(), c.value(), args);
            case DATASET -> {
                if (c.key().equals("context")) {
                    args.add("mlflow.data.context");
                    String cond = SqlPredicates.compare("t.tag_value", c.comparator(), c.value(), args);
                    yield "EXISTS (SELECT 1 FROM inputs i JOIN input_tags t ON t.input_uuid = i.input_uuid"
                            + " WHERE i.run_uuid = r.run_uuid AND t.tag_key = ? AND " + cond + ")";
                }
                String cond = SqlPredicates.compare("d." + c.key(), c.comparator(), c.value(), args);
                yield "EXISTS (SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid"
                        + " WHERE i.run_uuid = r.run_uuid AND " + cond + ")";
            }
        };
    }

    /** Params and tags: the run must have the key (except for IS NULL) and its value must match. */
    private static String keyValue(String table, String prefix, Comparison c, List<Object> args) {
        args.add(c.key());
        String exists = "EXISTS (SELECT 1 FROM " + table + " f WHERE f.run_uuid = r.run_uuid AND f." + prefix
                + "_key = ?";
        return switch (c.comparator()) {
            case IS_NULL -> "NOT " + exists + ")";
            case IS_NOT_NULL -> exists + ")";
            default -> exists + " AND " + SqlPredicates.compare("f." + prefix + "_value", c.comparator(), c.value(),
                    args) + ")";
        };
    }
}
