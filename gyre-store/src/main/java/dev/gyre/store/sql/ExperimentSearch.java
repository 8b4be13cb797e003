package dev.gyre.store.sql;

import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.search.Comparison;
import dev.gyre.store.search.EntityType;
import dev.gyre.store.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles a parsed experiment filter and order-by into SQL over {@code experiments}. */
final class ExperimentSearch {
    private static final Map<String, String> COLUMNS = Map.of(
            "name",
            "e.name",
            "experiment_id",
            "e.experiment_id",
            "creation_time",
            "e.creation_time",
            "last_update_time",
            "e.last_update_time");

    private ExperimentSearch() {}

    static SqlQuery compile(ViewType viewType, List<Comparison> filter, List<OrderBy> orderBy, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        List<String> stages = SqlPredicates.stages(viewType);
        StringBuilder sql = new StringBuilder("SELECT " + ExperimentsDao.COLUMNS + " FROM experiments e"
                + " WHERE e.lifecycle_stage IN (" + Sql.placeholders(stages.size()) + ")");
        args.addAll(stages);
        for (Comparison c : filter) {
            sql.append(" AND ");
            if (c.type() == EntityType.TAG) {
                args.add(c.key());
                String exists = "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id"
                        + " AND t.tag_key = ?";
                sql.append(
                        switch (c.comparator()) {
                            case IS_NULL -> "NOT " + exists + ")";
                            case IS_NOT_NULL -> exists + ")";
                            default ->
                                exists + " AND " + SqlPredicates.compare("t.tag_value", c.comparator(), c.value(), args)
                                        + ")";
                        });
            } else {
                sql.append(SqlPredicates.compare(COLUMNS.get(c.key()), c.comparator(), c.value(), args));
            }
        }
        List<OrderBy> order = orderBy.isEmpty()
                ? List.of(
                        new OrderBy(EntityType.ATTRIBUTE, "creation_time", false),
                        new OrderBy(EntityType.ATTRIBUTE, "experiment_id", true))
                : orderBy;
        List<String> terms = new ArrayList<>();
        for (OrderBy o : order) {
            terms.add(COLUMNS.get(o.key()) + (o.ascending() ? " ASC" : " DESC"));
        }
        if (order.stream().noneMatch(o -> o.key().equals("experiment_id"))) {
            terms.add("e.experiment_id DESC");
        }
        sql.append(" ORDER BY ").append(String.join(", ", terms)).append(" LIMIT ? OFFSET ?");
        args.add((long) limit);
        args.add(offset);
        return new SqlQuery(sql.toString(), args);
    }
}
