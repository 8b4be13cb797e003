package dev.gyre.data.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Every finding for one file, in check order: label conflicts, duplicates, class balance, constant features,
 * leakage.
 *
 * @param file the file as given
 * @param rows all rows read
 * @param features the feature columns checked
 */
public record QualityReport(String file, long rows, String label, List<String> features, List<Finding> findings) {

    public QualityReport {
        features = List.copyOf(features);
        findings = List.copyOf(findings);
    }

    /** The most severe finding's severity, {@code INFO} when there are none. */
    @JsonProperty("worstSeverity")
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.INFO);
    }

    public boolean hasErrors() {
        return worstSeverity() == Severity.ERROR;
    }

    /** The findings of one type, e.g. {@code findings(ClassBalance.class)}. */
    public <T extends Finding> List<T> findings(Class<T> type) {
        return findings.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
