package dev.gyre.data.validate;

import dev.gyre.data.quality.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One departure from the schema or a baseline, with the numbers behind it.
 *
 * @param column the column it concerns, or {@code null} for the dataset as a whole
 * @param message one line for people, e.g. {@code "weather: 3 values (1.2%) outside the domain: hail (2), ..."}
 * @param evidence snake_case keys to numbers, strings, booleans or lists of {@link ValueCount}s and strings, in
 *     insertion order; what a program reading the report switches on
 */
public record Anomaly(
        AnomalyKind kind, Severity severity, String column, String message, Map<String, Object> evidence) {

    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
