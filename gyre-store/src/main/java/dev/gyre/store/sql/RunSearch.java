package dev.gyre.store.sql;

import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.search.Comparator;
import dev.gyre.store.search.Comparison;
import dev.gyre.store.search.EntityType;
import dev.gyre.store.search.OrderBy;
import dev.gyre.store.search.SearchValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a parsed run filter and order-by into one SQL query over {@code runs}. Metric, param, tag and dataset
 * comparisons become correlated EXISTS sub-queries (primary-key lookups by run and key), except a selective metric
 * comparison, which becomes an IN over latest_metrics' (key, value) index; order-by on metrics, params and tags
 * becomes a LEFT JOIN per key. The default order (start_time DESC, run_uuid) matches the runs index, so a
 * first page need not sort the whole experiment.
 */
final class RunSearch {
    private static final Map<String, String> ATTRIBUTE_COLUMNS = Map.of(
            "run_id",
            "r.run_uuid",
            "run_name",
            "r.name",
            "status",
            "r.status",
            "user_id",
            "r.user_id",
            "start_time",
            "r.start_time",
            "end_time",
            "r.end_time",
            "artifact_uri",
            "r.artifact_uri",
            "lifecycle_stage",
            "r.lifecycle_stage",
            "experiment_id",
            "r.experiment_id");

    private RunSearch() {}

    /**
     * How many latest_metrics rows a metric filter may match and still be called selective for a page of
     * {@code pageSize}: walking the runs index costs about pageSize / selectivity probes, the metric-driven plan
     * about one lookup per match; the bound leans towards the walk, which stops early.
     */
    static int selectiveMetricRows(int pageSize) {
        return Math.min(50_000, Math.max(5_000, 20 * pageSize));
    }

    /**
     * A cheap upper bound for how many runs a metric comparison matches: a range scan of the (key, value) index that
     * stops at {@code bound} rows. Null when the comparison cannot use the index.
     */
    static SqlQuery selectiveMetricProbe(Comparison c, int bound) {
        if (c.type() != EntityType.METRIC || c.comparator() == Comparator.NE) {
            return null;
        }
        return new SqlQuery(
                "SELECT COUNT(*) FROM (SELECT 1 FROM latest_metrics f WHERE f.metric_key = ? AND"
                        + " f.is_nan = FALSE AND f.metric_value "
                        + c.comparator().symbol() + " ? LIMIT " + bound + ") t",
                List.of(c.key(), ((SearchValue.Number) c.value()).asDouble()));
    }

    /**
     * @param selectiveMetric a metric comparison known to match few runs, or null. Without one, the query walks the
     *     runs index in the default order and tests each run's filters, stopping at the page size: fast unless few
     *     runs match. With one, that comparison drives the query instead (its few runs fetched by primary key, then
     *     sorted); H2's planner cannot tell the two cases apart by itself.
     */
    static SqlQuery compile(
            Dialect dialect,
            List<Long> experimentIds,
            ViewType viewType,
            List<Comparison> filter,
            List<OrderBy> orderBy,
            int limit,
            long offset,
            Comparison selectiveMetric) {
        boolean walkRunsIndex = dialect == Dialect.H2 && selectiveMetric == null;
        List<Object> joinArgs = new ArrayList<>();
        List<Object> whereArgs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        List<String> orderTerms = new ArrayList<>();
        if (experimentIds.size() == 1 && walkRunsIndex) {
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
                    joins.append(" LEFT JOIN latest_metrics ")
                            .append(alias)
                            .append(" ON ")
                            .append(alias)
                            .append(".run_uuid = r.run_uuid AND ")
                            .append(alias)
                            .append(".metric_key = ?");
                    joinArgs.add(o.key());
                    // Values first, then NaN, then runs without the metric, in either direction (as MLflow).
                    orderTerms.add("CASE WHEN " + alias + ".run_uuid IS NULL THEN 2 WHEN " + alias
                            + ".is_nan THEN 1 ELSE 0 END, " + alias + ".metric_value"
                            + (o.ascending() ? " ASC" : " DESC"));
                }
                case PARAM, TAG -> {
                    String table = o.type() == EntityType.PARAM ? "params" : "tags";
                    String prefix = o.type() == EntityType.PARAM ? "param" : "tag";
                    joins.append(" LEFT JOIN ")
                            .append(table)
                            .append(' ')
                            .append(alias)
                            .append(" ON ")
                            .append(alias)
                            .append(".run_uuid = r.run_uuid AND ")
                            .append(alias)
                            .append('.')
                            .append(prefix)
                            .append("_key = ?");
                    joinArgs.add(o.key());
                    orderTerms.add(SqlPredicates.nullsLast(alias + "." + prefix + "_value", o.ascending()));
                }
                case ATTRIBUTE -> {
                    hasStartTime |= o.key().equals("start_time");
                    hasRunId |= o.key().equals("run_id");
                    String column = ATTRIBUTE_COLUMNS.get(o.key());
                    orderTerms.add(
                            o.key().equals("start_time") || o.key().equals("run_id")
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
                .append(Sql.placeholders(experimentIds.size()))
                .append(')');
        whereArgs.addAll(experimentIds);
        List<String> stages = SqlPredicates.stages(viewType);
        where.append(" AND r.lifecycle_stage IN (")
                .append(Sql.placeholders(stages.size()))
                .append(')');
        whereArgs.addAll(stages);
        for (Comparison c : filter) {
            where.append(" AND ").append(c == selectiveMetric ? metricIn(c, whereArgs) : predicate(c, whereArgs));
        }

        List<Object> args = new ArrayList<>(joinArgs);
        args.addAll(whereArgs);
        args.add((long) limit);
        args.add(offset);
        // H2 would otherwise pick the foreign key's own index on experiment_id (equal cost to its planner) and sort
        // every run of the experiment; PostgreSQL's planner chooses well without help.
        String from = walkRunsIndex ? " FROM runs r USE INDEX (runs_experiment_start_idx)" : " FROM runs r";
        String sql = "SELECT " + RunsDao.COLUMNS + from + joins + where + " ORDER BY " + String.join(", ", orderTerms)
                + " LIMIT ? OFFSET ?";
        return new SqlQuery(sql, args);
    }

    private static String predicate(Comparison c, List<Object> args) {
        return switch (c.type()) {
            case METRIC -> {
                args.add(c.key());
                args.add(((SearchValue.Number) c.value()).asDouble());
                yield "EXISTS (SELECT 1 FROM latest_metrics f WHERE f.run_uuid = r.run_uuid AND f.metric_key = ? AND "
                        + metricCondition(c) + ")";
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

    /** NaN is stored as 0 with is_nan set: it equals nothing, and differs from everything. */
    private static String metricCondition(Comparison c) {
        return c.comparator() == Comparator.NE
                ? "(f.is_nan = TRUE OR f.metric_value <> ?)"
                : "f.is_nan = FALSE AND f.metric_value " + c.comparator().symbol() + " ?";
    }

    /** The selective form: a non-correlated IN over latest_metrics_key_value_idx, usable as a primary-key lookup. */
    private static String metricIn(Comparison c, List<Object> args) {
        args.add(c.key());
        args.add(((SearchValue.Number) c.value()).asDouble());
        return "r.run_uuid IN (SELECT f.run_uuid FROM latest_metrics f WHERE f.metric_key = ? AND " + metricCondition(c)
                + ")";
    }

    /** Params and tags: the run must have the key (except for IS NULL) and its value must match. */
    private static String keyValue(String table, String prefix, Comparison c, List<Object> args) {
        args.add(c.key());
        String exists =
                "EXISTS (SELECT 1 FROM " + table + " f WHERE f.run_uuid = r.run_uuid AND f." + prefix + "_key = ?";
        return switch (c.comparator()) {
            case IS_NULL -> "NOT " + exists + ")";
            case IS_NOT_NULL -> exists + ")";
            default ->
                exists + " AND " + SqlPredicates.compare("f." + prefix + "_value", c.comparator(), c.value(), args)
                        + ")";
        };
    }
}
