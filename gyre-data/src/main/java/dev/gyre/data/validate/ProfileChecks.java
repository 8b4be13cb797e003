package dev.gyre.data.validate;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.profile.ValueCounts;
import dev.gyre.data.quality.Severity;
import dev.gyre.data.schema.ColumnSchema;
import dev.gyre.data.schema.Expectation;
import dev.gyre.data.schema.Expectation.NotNull;
import dev.gyre.data.schema.Expectation.RowCountBetween;
import dev.gyre.data.schema.NumericRange;
import dev.gyre.data.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The schema checks a profile answers on its own: columns and types, presence, domains, ranges, NaN/∞,
 * {@code not_null} (exact from the missing count) and row counts. Counts are exact except unexpected domain values
 * past the frequent-items sketch's exact mode (384 distinct values), which are estimates flagged
 * {@code exact: false}, and the share of values outside a range, estimated from the KLL sketch.
 */
final class ProfileChecks {

    private final DatasetProfile profile;
    private final int maxExamples;
    private final List<Anomaly> anomalies = new ArrayList<>();

    private ProfileChecks(DatasetProfile profile, int maxExamples) {
        this.profile = profile;
        this.maxExamples = maxExamples;
    }

    static List<Anomaly> run(DatasetProfile profile, Schema schema, ValidationOptions options) {
        ProfileChecks checks = new ProfileChecks(profile, options.maxExamples());
        checks.rowCount(schema);
        if (options.reference() != null) {
            checks.rowCountChange(options.reference(), options.maxRowCountChange());
        }
        schema.columns().forEach(checks::column);
        checks.newColumns(schema);
        return List.copyOf(checks.anomalies);
    }

    private void rowCount(Schema schema) {
        long rows = profile.rowCount();
        for (Expectation.DatasetExpectation expectation : schema.expectations()) {
            if (expectation instanceof RowCountBetween(Long min, Long max)
                    && ((min != null && rows < min) || (max != null && rows > max))) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("row_count", rows);
                putIfPresent(evidence, "min", min);
                putIfPresent(evidence, "max", max);
                add(
                        AnomalyKind.ROW_COUNT_OUT_OF_BOUNDS,
                        Severity.ERROR,
                        null,
                        rows + " rows, expected "
                                + (min == null
                                        ? "at most " + max
                                        : max == null ? "at least " + min : "between " + min + " and " + max),
                        evidence);
            }
        }
    }

    private void rowCountChange(DatasetProfile reference, double maxChange) {
        long before = reference.rowCount();
        long now = profile.rowCount();
        double change = before == 0 ? (now == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) (now - before) / before;
        if (Math.abs(change) > maxChange) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("row_count", now);
            evidence.put("reference_row_count", before);
            evidence.put("relative_change", change);
            evidence.put("max_relative_change", maxChange);
            add(
                    AnomalyKind.ROW_COUNT_CHANGE,
                    Severity.WARNING,
                    null,
                    now + " rows against " + before + " in the reference ("
                            + (Double.isFinite(change) ? (change > 0 ? "+" : "") + Numbers.percent(change) : "new rows")
                            + ", allowed ±" + Numbers.percent(maxChange) + ")",
                    evidence);
        }
    }

    private void column(ColumnSchema column) {
        Optional<FeatureProfile> match = profile.feature(column.name());
        if (match.isEmpty()) {
            add(
                    AnomalyKind.MISSING_COLUMN,
                    Severity.ERROR,
                    column.name(),
                    column.name() + ": column missing",
                    Map.of("expected_type", column.type().label()));
            return;
        }
        FeatureProfile feature = match.get();
        if (feature.type() != column.type()) {
            add(
                    AnomalyKind.TYPE_CHANGE,
                    Severity.ERROR,
                    column.name(),
                    column.name() + ": type " + feature.type().label() + ", expected "
                            + column.type().label(),
                    Map.of(
                            "expected_type",
                            column.type().label(),
                            "observed_type",
                            feature.type().label()));
            return;
        }
        presence(column, feature.counts());
        domain(column, feature);
        range(column, feature);
        nonFinite(column, feature.counts());
        for (Expectation.ColumnExpectation expectation : column.expectations()) {
            if (expectation instanceof NotNull notNull) {
                notNull(column, notNull, feature.counts());
            }
        }
    }

    private void presence(ColumnSchema column, ValueCounts counts) {
        long rows = profile.rowCount();
        if (rows == 0 || column.presence() == 0) {
            return;
        }
        double fraction = (double) counts.present() / rows;
        if (fraction < column.presence()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("present", counts.present());
            evidence.put("row_count", rows);
            evidence.put("present_fraction", fraction);
            evidence.put("required_fraction", column.presence());
            add(
                    AnomalyKind.LOW_PRESENCE,
                    Severity.ERROR,
                    column.name(),
                    column.name() + ": " + Numbers.percent(fraction) + " of rows have a value (" + counts.present()
                            + " of " + rows + "), required " + Numbers.percent(column.presence()),
                    evidence);
        }
    }

    private void domain(ColumnSchema column, FeatureProfile feature) {
        FrequentItemsSketch<String> sketch = feature.sketches().frequentItemsSketch();
        if (column.domain().isEmpty() || sketch == null || sketch.isEmpty()) {
            return;
        }
        Set<String> domain = new HashSet<>(column.domain());
        boolean exact = sketch.getMaximumError() == 0;
        long total = sketch.getStreamLength();
        List<ValueCount> unexpected = new ArrayList<>();
        for (FrequentItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            if (!domain.contains(row.getItem())) {
                unexpected.add(new ValueCount(row.getItem(), row.getEstimate()));
            }
        }
        long inDomain = domain.stream().mapToLong(sketch::getEstimate).sum();
        long count = exact ? unexpected.stream().mapToLong(ValueCount::count).sum() : Math.max(0, total - inDomain);
        if (count == 0) {
            return;
        }
        unexpected.sort(Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
        List<ValueCount> examples = unexpected.subList(0, Math.min(maxExamples, unexpected.size()));
        double fraction = total == 0 ? 0 : (double) count / total;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("unexpected_count", count);
        evidence.put("unexpected_fraction", fraction);
        evidence.put("exact", exact);
        evidence.put("examples", List.copyOf(examples));
        add(
                AnomalyKind.UNEXPECTED_VALUES,
                Severity.ERROR,
                column.name(),
                column.name() + ": " + (exact ? "" : "about ") + count + " values (" + Numbers.percent(fraction)
                        + ") outside the domain" + examplesText(examples),
                evidence);
    }

    private void range(ColumnSchema column, FeatureProfile feature) {
        NumericRange range = column.range();
        if (range == null || feature.moments().count() == 0) {
            return;
        }
        double min = feature.moments().min();
        double max = feature.moments().max();
        if (range.contains(min) && range.contains(max)) {
            return;
        }
        // Exact for columns small enough to keep their values, else the quantile sketch's estimate.
        boolean exact = feature.sketches().exactValues().isPresent();
        double below = range.min() == null ? 0 : feature.rank(range.min(), QuantileSearchCriteria.EXCLUSIVE);
        double above = range.max() == null ? 0 : 1 - feature.rank(range.max(), QuantileSearchCriteria.INCLUSIVE);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("observed_min", min);
        evidence.put("observed_max", max);
        putIfPresent(evidence, "min", range.min());
        putIfPresent(evidence, "max", range.max());
        evidence.put("fraction_outside", below + above);
        evidence.put("exact", exact);
        add(
                AnomalyKind.OUT_OF_RANGE,
                Severity.ERROR,
                column.name(),
                column.name() + ": values from " + Numbers.format(min) + " to " + Numbers.format(max) + ", expected "
                        + bounds(range.min(), range.max()) + " (about " + Numbers.percent(below + above)
                        + " of values outside)",
                evidence);
    }

    private void nonFinite(ColumnSchema column, ValueCounts counts) {
        long infinite = counts.positiveInfinity() + counts.negativeInfinity();
        boolean badNan = !column.allowNan() && counts.nan() > 0;
        boolean badInfinity = !column.allowInfinity() && infinite > 0;
        if (!badNan && !badInfinity) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (badNan) {
            parts.add(counts.nan() + " NaN");
        }
        if (badInfinity) {
            parts.add(infinite + " infinite");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("nan", counts.nan());
        evidence.put("positive_infinity", counts.positiveInfinity());
        evidence.put("negative_infinity", counts.negativeInfinity());
        evidence.put("allow_nan", column.allowNan());
        evidence.put("allow_infinity", column.allowInfinity());
        add(
                AnomalyKind.NON_FINITE,
                Severity.ERROR,
                column.name(),
                column.name() + ": " + String.join(" and ", parts) + " values, not allowed",
                evidence);
    }

    private void notNull(ColumnSchema column, NotNull expectation, ValueCounts counts) {
        ExpectationOutcome outcome =
                new ExpectationOutcome(expectation, profile.rowCount(), counts.missing(), List.of());
        if (!outcome.passed()) {
            anomalies.add(outcome.anomaly(column.name()));
        }
    }

    private void newColumns(Schema schema) {
        for (FeatureProfile feature : profile.features()) {
            if (schema.column(feature.name()).isEmpty()) {
                add(
                        AnomalyKind.NEW_COLUMN,
                        Severity.WARNING,
                        feature.name(),
                        feature.name() + ": column not in the schema ("
                                + feature.type().label() + ")",
                        Map.of("observed_type", feature.type().label()));
            }
        }
    }

    private void add(AnomalyKind kind, Severity severity, String column, String message, Map<String, Object> evidence) {
        anomalies.add(new Anomaly(kind, severity, column, message, evidence));
    }

    static String examplesText(List<ValueCount> examples) {
        if (examples.isEmpty()) {
            return "";
        }
        List<String> shown =
                examples.stream().map(e -> e.value() + " (" + e.count() + ")").toList();
        return ": " + String.join(", ", shown);
    }

    static String bounds(Double min, Double max) {
        return "[" + (min == null ? "-∞" : Numbers.format(min)) + ", " + (max == null ? "∞" : Numbers.format(max))
                + "]";
    }

    private static void putIfPresent(Map<String, Object> evidence, String key, Object value) {
        if (value != null) {
            evidence.put(key, value);
        }
    }
}
