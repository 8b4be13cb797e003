package dev.gyre.data.schema;

import java.util.List;

/**
 * A Great-Expectations-style rule checked against the rows, written in a schema file as a one-key map such as
 * {@code between: {min: 0, max: 120, mostly: 0.99}}. Column expectations ignore missing values except
 * {@link NotNull}, and pass when at least {@code mostly} of the values they look at satisfy them, so a rule can
 * tolerate a known small share of bad rows instead of being deleted.
 */
public sealed interface Expectation {

    /** The key naming the expectation in schema files and reports, e.g. {@code in_set}. */
    String key();

    /** An expectation about one column's values. */
    sealed interface ColumnExpectation extends Expectation permits NotNull, Between, InSet, Regex, Unique {
        /** The smallest passing fraction of the values looked at, in [0, 1]. */
        double mostly();
    }

    /** An expectation about the dataset as a whole. */
    sealed interface DatasetExpectation extends Expectation permits RowCountBetween {}

    /** At least {@code mostly} of all rows hold a value (are not SQL NULL). */
    record NotNull(double mostly) implements ColumnExpectation {
        public NotNull {
            Checks.fraction("mostly", mostly);
        }

        @Override
        public String key() {
            return "not_null";
        }
    }

    /**
     * At least {@code mostly} of the non-missing values lie in {@code [min, max]}; a {@code null} bound is open.
     * NaN lies in no range; infinities only in an open-ended one.
     */
    record Between(Double min, Double max, double mostly) implements ColumnExpectation {
        public Between {
            Checks.fraction("mostly", mostly);
            Checks.bounds(min, max);
            if (min == null && max == null) {
                throw new IllegalArgumentException("between needs min, max or both");
            }
        }

        @Override
        public String key() {
            return "between";
        }
    }

    /**
     * At least {@code mostly} of the non-missing values are among {@code values}: text for string columns,
     * {@code true}/{@code false} for booleans, numbers (compared as doubles) for numeric columns.
     */
    record InSet(List<String> values, double mostly) implements ColumnExpectation {
        public InSet {
            values = List.copyOf(values);
            Checks.fraction("mostly", mostly);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("in_set needs at least one value");
            }
        }

        @Override
        public String key() {
            return "in_set";
        }
    }

    /**
     * At least {@code mostly} of the non-missing text values contain a match of {@code pattern}. The dialect is
     * RE2 (DuckDB's {@code regexp_matches}): no backreferences or look-around; like Great Expectations, a match
     * anywhere counts, so anchor with {@code ^…$} to constrain the whole value.
     */
    record Regex(String pattern, double mostly) implements ColumnExpectation {
        public Regex {
            Checks.fraction("mostly", mostly);
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("regex needs a pattern");
            }
        }

        @Override
        public String key() {
            return "regex";
        }
    }

    /** At least {@code mostly} of the non-missing values occur in no other row. */
    record Unique(double mostly) implements ColumnExpectation {
        public Unique {
            Checks.fraction("mostly", mostly);
        }

        @Override
        public String key() {
            return "unique";
        }
    }

    /** The dataset has between {@code min} and {@code max} rows; a {@code null} bound is open. */
    record RowCountBetween(Long min, Long max) implements DatasetExpectation {
        public RowCountBetween {
            if (min == null && max == null) {
                throw new IllegalArgumentException("row_count_between needs min, max or both");
            }
            if ((min != null && min < 0) || (max != null && max < 0)) {
                throw new IllegalArgumentException("row counts cannot be negative");
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min " + min + " > max " + max);
            }
        }

        @Override
        public String key() {
            return "row_count_between";
        }
    }
}
