package dev.gyre.data.validate;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.schema.ColumnSchema;
import dev.gyre.data.schema.Expectation;
import dev.gyre.data.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates data against a {@link Schema}, TFDV-style, and optionally against baselines: a reference profile
 * (previous span: drift, row-count change) and a training profile (training/serving skew).
 *
 * <p>A dataset is profiled once, then the profile answers the schema checks and DuckDB counts the row-level
 * expectations exactly. A profile alone (say, a window of serving requests) gets every check but the row-level
 * expectations, which the report lists as skipped. Bad input fails with a {@code GyreException}; departures from
 * the schema are anomalies in the report, not exceptions.
 */
public final class DatasetValidator {

    private DatasetValidator() {}

    /** Reads, profiles and validates {@code source}. */
    public static ValidationReport validate(DatasetSource source, Schema schema, ValidationOptions options) {
        try (DatasetReader reader = DatasetReader.open(source)) {
            DatasetProfile profile = DatasetProfiler.profile(reader);
            List<SkippedCheck> skipped = new ArrayList<>();
            List<Anomaly> anomalies = new ArrayList<>(ProfileChecks.run(profile, schema, options));
            anomalies.addAll(RowChecks.run(reader, schema, options.maxExamples(), skipped));
            anomalies.addAll(baselines(profile, schema, options));
            return new ValidationReport(profile.rowCount(), true, ordered(anomalies, schema), skipped);
        }
    }

    /** Validates a profile; row-level expectations are reported as skipped. */
    public static ValidationReport validate(DatasetProfile profile, Schema schema, ValidationOptions options) {
        List<SkippedCheck> skipped = new ArrayList<>();
        for (ColumnSchema column : schema.columns()) {
            for (Expectation.ColumnExpectation expectation : column.expectations()) {
                if (!(expectation instanceof Expectation.NotNull)) {
                    skipped.add(new SkippedCheck(
                            column.name(), expectation.key(), "a row-level expectation; only a profile was validated"));
                }
            }
        }
        List<Anomaly> anomalies = new ArrayList<>(ProfileChecks.run(profile, schema, options));
        anomalies.addAll(baselines(profile, schema, options));
        return new ValidationReport(profile.rowCount(), false, ordered(anomalies, schema), skipped);
    }

    private static List<Anomaly> baselines(DatasetProfile profile, Schema schema, ValidationOptions options) {
        List<Anomaly> anomalies = new ArrayList<>();
        if (options.reference() != null) {
            anomalies.addAll(DriftChecks.run(options.reference(), profile, schema, options, false));
        }
        if (options.training() != null) {
            anomalies.addAll(DriftChecks.run(options.training(), profile, schema, options, true));
        }
        return anomalies;
    }

    /**
     * Dataset-level anomalies first, then column anomalies in schema column order (new columns after), each group
     * keeping the order its checks produced; drift and skew last, so a reader meets the hard failures first.
     */
    private static List<Anomaly> ordered(List<Anomaly> anomalies, Schema schema) {
        List<String> order = schema.columns().stream().map(ColumnSchema::name).toList();
        return anomalies.stream()
                .sorted(java.util.Comparator.comparingInt((Anomaly a) -> rank(a, order)))
                .toList();
    }

    private static int rank(Anomaly anomaly, List<String> order) {
        boolean baseline = anomaly.kind() == AnomalyKind.DRIFT || anomaly.kind() == AnomalyKind.SKEW;
        int base = baseline ? 2 * (order.size() + 2) : 0;
        if (anomaly.column() == null) {
            return base;
        }
        int index = order.indexOf(anomaly.column());
        return base + 1 + (index < 0 ? order.size() : index);
    }
}
