package dev.gyre.train.project;

import java.util.List;

/**
 * The values a tuned parameter may take. Written in gyre.yaml as a one-key mapping: {@code {int: [3, 10]}},
 * {@code {uniform: [0.5, 1.0]}}, {@code {log_uniform: [0.01, 0.3]}} or {@code {choice: [gbtree, dart]}}. Bounds are
 * inclusive.
 */
public sealed interface ParameterRange
        permits ParameterRange.IntRange, ParameterRange.Uniform, ParameterRange.LogUniform, ParameterRange.Choice {

    /** Whole numbers from {@code low} to {@code high}, each equally likely. */
    record IntRange(long low, long high) implements ParameterRange {
        public IntRange {
            if (low >= high) {
                throw new IllegalArgumentException("int range [" + low + ", " + high + "] needs low < high");
            }
        }
    }

    /** Real numbers from {@code low} to {@code high}, evenly spread. */
    record Uniform(double low, double high) implements ParameterRange {
        public Uniform {
            if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
                throw new IllegalArgumentException("uniform range [" + low + ", " + high + "] needs low < high");
            }
        }
    }

    /**
     * Positive real numbers from {@code low} to {@code high}, evenly spread on a log scale: the right prior for
     * learning rates and regularisation strengths, where 0.01 to 0.03 matters as much as 0.1 to 0.3.
     */
    record LogUniform(double low, double high) implements ParameterRange {
        public LogUniform {
            if (!(Double.isFinite(high) && low > 0 && low < high)) {
                throw new IllegalArgumentException(
                        "log-uniform range [" + low + ", " + high + "] needs 0 < low < high");
            }
        }
    }

    /** One of {@code values} (strings, booleans or numbers), each equally likely. */
    record Choice(List<Object> values) implements ParameterRange {
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }
    }
}
