package dev.gyre.data.validate;

import dev.gyre.data.quality.Severity;
import java.util.List;

/**
 * The outcome of validating a dataset or profile against a schema.
 *
 * @param rowCount rows validated
 * @param rowsChecked whether row-level expectations ran (the rows were read), or only the profile was checked
 * @param anomalies what departs from the schema or the baselines: dataset-level first, then by schema column,
 *     then new columns, drift and skew
 * @param skipped checks that did not run, and why
 */
public record ValidationReport(
        long rowCount, boolean rowsChecked, List<Anomaly> anomalies, List<SkippedCheck> skipped) {

    public ValidationReport {
        anomalies = List.copyOf(anomalies);
        skipped = List.copyOf(skipped);
    }

    /** True when no anomaly is an {@link Severity#ERROR}: what a pipeline gate checks. */
    public boolean passed() {
        return count(Severity.ERROR) == 0;
    }

    public long count(Severity severity) {
        return anomalies.stream().filter(a -> a.severity() == severity).count();
    }

    /** The anomalies of one kind, in report order. */
    public List<Anomaly> anomalies(AnomalyKind kind) {
        return anomalies.stream().filter(a -> a.kind() == kind).toList();
    }
}
