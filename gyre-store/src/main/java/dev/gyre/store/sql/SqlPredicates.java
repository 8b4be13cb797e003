package dev.gyre.store.sql;

import dev.gyre.core.tracking.ViewType;
import dev.gyre.store.search.Comparator;
import dev.gyre.store.search.SearchValue;
import java.math.BigDecimal;
import java.util.List;

/**
 * Turns parsed comparisons into parameterised SQL fragments. Values are always bound, never spliced into the
 * text; only column names, which come from fixed tables in the compilers, are.
 */
final class SqlPredicates {
    private SqlPredicates() {}

    /** {@code column <op> ?} (or an IN list, or IS [NOT] NULL), appending the bound values to {@code args}. */
    static String compare(String column, Comparator op, SearchValue value, List<Object> args) {
        return switch (op) {
            case IS_NULL -> column + " IS NULL";
            case IS_NOT_NULL -> column + " IS NOT NULL";
            case IN, NOT_IN -> {
                List<String> values = ((SearchValue.TextList) value).values();
                args.addAll(values);
                yield column + (op == Comparator.IN ? " IN (" : " NOT IN (") + Sql.placeholders(values.size()) + ")";
            }
            default -> {
                args.add(bindable(value));
                yield column + " " + sqlOperator(op) + " ?";
            }
        };
    }

    private static String sqlOperator(Comparator op) {
        return op == Comparator.NE ? "<>" : op.symbol();
    }

    private static Object bindable(SearchValue value) {
        return switch (value) {
            case SearchValue.Number n -> new BigDecimal(n.text());
            case SearchValue.Text t -> t.value();
            default -> throw new IllegalArgumentException("not a single value: " + value);
        };
    }

    /** The {@code lifecycle_stage} values a view type selects. */
    static List<String> stages(ViewType viewType) {
        return switch (viewType == null ? ViewType.ACTIVE_ONLY : viewType) {
            case ACTIVE_ONLY -> List.of("active");
            case DELETED_ONLY -> List.of("deleted");
            case ALL -> List.of("active", "deleted");
        };
    }

    /** ORDER BY terms that put NULLs last whatever the direction, as MLflow's SQL store does. */
    static String nullsLast(String column, boolean ascending) {
        return "CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END, " + column + (ascending ? " ASC" : " DESC");
    }
}
