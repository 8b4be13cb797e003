package dev.gyre.store.sql;

import dev.gyre.store.search.Comparison;
import dev.gyre.store.search.EntityType;
import dev.gyre.store.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles registered-model and model-version searches into SQL. */
final class RegistrySearch {
    private static final Map<String, String> MODEL_COLUMNS = Map.of(
            "name", "m.name", "creation_timestamp", "m.creation_time", "last_updated_timestamp", "m.last_updated_time");
    private static final Map<String, String> VERSION_COLUMNS = Map.of(
            "name",
            "v.name",
            "run_id",
            "v.run_id",
            "source_path",
            "v.source",
            "version_number",
            "v.version",
            "creation_timestamp",
            "v.creation_time",
            "last_updated_timestamp",
            "v.last_updated_time");

    private RegistrySearch() {}

    /** Default order: name ascending (MLflow's tie-breaker too). */
    static SqlQuery registeredModels(List<Comparison> filter, List<OrderBy> orderBy, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT " + RegisteredModelsDao.COLUMNS + " FROM registered_models m" + " WHERE 1 = 1");
        for (Comparison c : filter) {
            sql.append(" AND ")
                    .append(
                            c.type() == EntityType.TAG
                                    ? tag("registered_model_tags t WHERE t.name = m.name", c, args)
                                    : SqlPredicates.compare(
                                            MODEL_COLUMNS.get(c.key()), c.comparator(), c.value(), args));
        }
        List<String> terms = new ArrayList<>();
        for (OrderBy o : orderBy) {
            terms.add(MODEL_COLUMNS.get(o.key()) + (o.ascending() ? " ASC" : " DESC"));
        }
        if (orderBy.stream().noneMatch(o -> o.key().equals("name"))) {
            terms.add("m.name ASC");
        }
        return finish(sql, terms, args, limit, offset);
    }

    /** Default order: name ascending, then version descending. */
    static SqlQuery modelVersions(List<Comparison> filter, List<OrderBy> orderBy, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT " + ModelVersionsDao.COLUMNS + " FROM model_versions v" + " WHERE 1 = 1");
        for (Comparison c : filter) {
            sql.append(" AND ")
                    .append(
                            c.type() == EntityType.TAG
                                    ? tag(
                                            "model_version_tags t WHERE t.name = v.name AND t.version = v.version",
                                            c,
                                            args)
                                    : SqlPredicates.compare(
                                            VERSION_COLUMNS.get(c.key()), c.comparator(), c.value(), args));
        }
        List<String> terms = new ArrayList<>();
        for (OrderBy o : orderBy) {
            terms.add(VERSION_COLUMNS.get(o.key()) + (o.ascending() ? " ASC" : " DESC"));
        }
        if (orderBy.stream().noneMatch(o -> o.key().equals("name"))) {
            terms.add("v.name ASC");
        }
        if (orderBy.stream().noneMatch(o -> o.key().equals("version_number"))) {
            terms.add("v.version DESC");
        }
        return finish(sql, terms, args, limit, offset);
    }

    private static String tag(String fromWhere, Comparison c, List<Object> args) {
        args.add(c.key());
        String exists = "EXISTS (SELECT 1 FROM " + fromWhere + " AND t.tag_key = ?";
        return switch (c.comparator()) {
            case IS_NULL -> "NOT " + exists + ")";
            case IS_NOT_NULL -> exists + ")";
            default -> exists + " AND " + SqlPredicates.compare("t.tag_value", c.comparator(), c.value(), args) + ")";
        };
    }

    private static SqlQuery finish(StringBuilder sql, List<String> terms, List<Object> args, int limit, long offset) {
        sql.append(" ORDER BY ").append(String.join(", ", terms)).append(" LIMIT ? OFFSET ?");
        args.add((long) limit);
        args.add(offset);
        return new SqlQuery(sql.toString(), args);
    }
}
