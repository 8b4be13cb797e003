package dev.gyre.data.validate;

import java.util.Locale;

/** What kind of departure from the schema or from a baseline an {@link Anomaly} reports. */
public enum AnomalyKind {
    /** A schema column is not in the data. */
    MISSING_COLUMN,
    /** A data column is not in the schema. */
    NEW_COLUMN,
    /** A column's type differs from the schema's. */
    TYPE_CHANGE,
    /** Fewer rows hold a value than the column's {@code presence} requires. */
    LOW_PRESENCE,
    /** Values outside the column's domain. */
    UNEXPECTED_VALUES,
    /** Finite values outside the column's range. */
    OUT_OF_RANGE,
    /** NaN or ±∞ values in a column that does not allow them. */
    NON_FINITE,
    /** The row count changed against the reference by more than the allowed share. */
    ROW_COUNT_CHANGE,
    /** The row count is outside a {@code row_count_between} expectation. */
    ROW_COUNT_OUT_OF_BOUNDS,
    /** A column expectation holds for fewer values than its {@code mostly}. */
    EXPECTATION_FAILED,
    /** A feature (or the dataset) drifted from the reference profile, e.g. the previous span. */
    DRIFT,
    /** A feature (or the dataset) differs from the training profile: training/serving skew. */
    SKEW;

    /** The snake_case name used in JSON and tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
