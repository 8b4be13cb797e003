package dev.gyre.data.validate;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.ColumnSchema;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.ColumnExpectation;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.Regex;
import dev.gyre.data.schema.Expectation.Unique;
import dev.gyre.data.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The row-level expectations ({@code between}, {@code in_set}, {@code regex}, {@code unique}), counted exactly by
 * DuckDB: one scan counts the unexpected values of all {@code between}, {@code in_set} and {@code regex}
 * expectations at once, each {@code unique} groups its column, and only failed expectations pay one more query
 * for their most frequent offending values. {@code not_null} is answered by the profile ({@link ProfileChecks}).
 */
final class RowChecks {

    private RowChecks() {}

    /** Runs the row expectations of {@code schema}'s columns; those it cannot run go to {@code skipped}. */
    static List<Anomaly> run(DatasetReader reader, Schema schema, int maxExamples, List<SkippedCheck> skipped) {
        List<Planned> scanned = new ArrayList<>();
        List<Planned> unique = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            Optional<DatasetColumn> data = reader.columns().stream()
                    .filter(c -> c.name().equals(column.name()))
                    .findFirst();
            for (ColumnExpectation expectation : column.expectations()) {
                if (expectation instanceof NotNull) {
                    continue;
                }
                if (data.isEmpty()) {
                    skipped.add(new SkippedCheck(column.name(), expectation.key(), "the column is missing"));
                } else if (data.get().type() != column.type()) {
                    skipped.add(new SkippedCheck(column.name(), expectation.key(), "the column's type changed"));
                } else {
                    (expectation instanceof Unique ? unique : scanned).add(new Planned(data.get(), expectation));
                }
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        List<long[]> counts = scan(reader, scanned);
        for (int i = 0; i < scanned.size(); i++) {
            Planned planned = scanned.get(i);
            ExpectationOutcome outcome =
                    new ExpectationOutcome(planned.expectation, counts.get(i)[0], counts.get(i)[1], List.of());
            if (!outcome.passed()) {
                anomalies.add(
                        withExamples(reader, planned, outcome, maxExamples).anomaly(planned.column.name()));
            }
        }
        for (Planned planned : unique) {
            long[] count = duplicates(reader, planned.column);
            ExpectationOutcome outcome = new ExpectationOutcome(planned.expectation, count[0], count[1], List.of());
            if (!outcome.passed()) {
                anomalies.add(
                        withExamples(reader, planned, outcome, maxExamples).anomaly(planned.column.name()));
            }
        }
        return anomalies;
    }

    private record Planned(DatasetColumn column, ColumnExpectation expectation) {

        /** The value the expectation looks at: doubles for numeric comparisons, text or booleans as stored. */
        String value() {
            return column.type() == GyreType.NUMERIC && !(expectation instanceof Unique)
                    ? DatasetReader.doubleExpression(column)
                    : DatasetReader.valueExpression(column);
        }

        /** True for a non-missing value the expectation does not accept. */
        String unexpected(String v) {
            return switch (expectation) {
                case Between b ->
                    "(isnan(" + v + ") OR NOT ("
                            + (b.min() == null ? "" : v + " >= " + literal(b.min()))
                            + (b.min() != null && b.max() != null ? " AND " : "")
                            + (b.max() == null ? "" : v + " <= " + literal(b.max())) + "))";
                case InSet s ->
                    (column.type() == GyreType.NUMERIC ? v : "CAST(" + v + " AS VARCHAR)") + " NOT IN ("
                            + s.values().stream()
                                    .map(value -> column.type() == GyreType.NUMERIC
                                            ? "CAST(" + text(value) + " AS DOUBLE)"
                                            : text(value))
                                    .collect(Collectors.joining(", "))
                            + ")";
                case Regex r -> "NOT regexp_matches(" + v + ", " + text(r.pattern()) + ")";
                case NotNull n -> throw new IllegalStateException("not_null is a profile check");
                case Unique u -> throw new IllegalStateException("unique groups, it does not scan");
            };
        }
    }

    /** Per expectation: non-missing values and unexpected ones, from one scan. */
    private static List<long[]> scan(DatasetReader reader, List<Planned> planned) {
        if (planned.isEmpty()) {
            return List.of();
        }
        List<String> aggregates = new ArrayList<>();
        for (Planned p : planned) {
            String v = p.value();
            aggregates.add("count(" + v + ")");
            aggregates.add("count(*) FILTER (WHERE " + v + " IS NOT NULL AND " + p.unexpected(v) + ")");
        }
        return reader.query(table -> "SELECT " + String.join(", ", aggregates) + " FROM " + table, result -> {
            result.next();
            List<long[]> counts = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                counts.add(new long[] {result.getLong(2 * i + 1), result.getLong(2 * i + 2)});
            }
            return counts;
        });
    }

    /** Non-missing values, and those among them whose value occurs in more than one row. */
    private static long[] duplicates(DatasetReader reader, DatasetColumn column) {
        String v = DatasetReader.valueExpression(column);
        return reader.query(
                table ->
                        "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE n > 1), 0) FROM (SELECT count(*) AS n"
                                + " FROM " + table + " WHERE " + v + " IS NOT NULL GROUP BY " + v + ")",
                result -> {
                    result.next();
                    return new long[] {result.getLong(1), result.getLong(2)};
                });
    }

    /** The outcome with its most frequent offending values (ties by value), for people fixing the data. */
    private static ExpectationOutcome withExamples(
            DatasetReader reader, Planned planned, ExpectationOutcome outcome, int maxExamples) {
        if (maxExamples == 0) {
            return outcome;
        }
        String v = planned.value();
        String filter = planned.expectation instanceof Unique ? "" : " AND " + planned.unexpected("v");
        String having = planned.expectation instanceof Unique ? " HAVING count(*) > 1" : "";
        List<ValueCount> examples = reader.query(
                table -> "SELECT CAST(v AS VARCHAR) AS shown, count(*) AS n FROM (SELECT " + v + " AS v FROM " + table
                        + ") WHERE v IS NOT NULL" + filter + " GROUP BY v" + having + " ORDER BY n DESC, shown LIMIT "
                        + maxExamples,
                result -> {
                    List<ValueCount> found = new ArrayList<>();
                    while (result.next()) {
                        found.add(new ValueCount(result.getString(1), result.getLong(2)));
                    }
                    return found;
                });
        return new ExpectationOutcome(
                outcome.expectation(), outcome.elementCount(), outcome.unexpectedCount(), examples);
    }

    private static String literal(double value) {
        return "CAST(" + text(Double.toString(value)) + " AS DOUBLE)";
    }

    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
