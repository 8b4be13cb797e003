package dev.gyre.data.validate;

import dev.gyre.data.quality.Severity;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.ColumnExpectation;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.Regex;
import dev.gyre.data.schema.Expectation.Unique;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts one column expectation was judged on, Great Expectations' way: the expectation holds when the
 * share of expected values among the {@code elementCount} values looked at (all rows for {@code not_null}, the
 * non-missing values otherwise) is at least {@code mostly}; with nothing to look at it holds.
 */
record ExpectationOutcome(
        ColumnExpectation expectation, long elementCount, long unexpectedCount, List<ValueCount> examples) {

    ExpectationOutcome {
        examples = List.copyOf(examples);
    }

    double unexpectedFraction() {
        return elementCount == 0 ? 0 : (double) unexpectedCount / elementCount;
    }

    double successFraction() {
        return 1 - unexpectedFraction();
    }

    boolean passed() {
        return elementCount == 0 || (double) (elementCount - unexpectedCount) / elementCount >= expectation.mostly();
    }

    Anomaly anomaly(String column) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("expectation", expectation.key());
        switch (expectation) {
            case Between b -> {
                if (b.min() != null) {
                    evidence.put("min", b.min());
                }
                if (b.max() != null) {
                    evidence.put("max", b.max());
                }
            }
            case InSet s -> evidence.put("values", s.values());
            case Regex r -> evidence.put("pattern", r.pattern());
            case NotNull n -> {}
            case Unique u -> {}
        }
        evidence.put("mostly", expectation.mostly());
        evidence.put("element_count", elementCount);
        evidence.put("unexpected_count", unexpectedCount);
        evidence.put("unexpected_fraction", unexpectedFraction());
        evidence.put("success_fraction", successFraction());
        evidence.put("examples", examples);
        String what = expectation instanceof NotNull ? " rows" : " values";
        return new Anomaly(
                AnomalyKind.EXPECTATION_FAILED,
                Severity.ERROR,
                column,
                column + ": " + describe() + " holds for " + Numbers.percent(successFraction()) + " of " + elementCount
                        + what + " (" + unexpectedCount + " unexpected), expected at least "
                        + Numbers.percent(expectation.mostly()) + ProfileChecks.examplesText(examples),
                evidence);
    }

    private String describe() {
        return switch (expectation) {
            case Between b -> "between " + ProfileChecks.bounds(b.min(), b.max());
            case InSet s -> "in_set " + s.values();
            case Regex r -> "regex /" + r.pattern() + "/";
            case NotNull n -> "not_null";
            case Unique u -> "unique";
        };
    }
}
