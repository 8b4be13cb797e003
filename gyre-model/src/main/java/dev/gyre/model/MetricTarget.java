package dev.gyre.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target a project sets before any code is written, e.g. {@code auc >= 0.80} or {@code p99_latency_ms <= 10}.
 * Quality targets gate registration after training; latency and throughput targets travel in the model package and
 * become the serving SLOs, so the same record serves both.
 *
 * @param metric a metric name, lower-case with underscores ({@code auc}, {@code rmse}, {@code p99_latency_ms})
 * @param comparison how the measured value must relate to {@code value}
 * @param value the threshold, finite
 */
public record MetricTarget(String metric, Comparison comparison, double value) {

    private static final Pattern FORM =
            Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*(>=|<=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

    public MetricTarget {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target '" + metric + "': the threshold must be a finite number");
        }
    }

    /**
     * Parses {@code "metric OP number"} with OP one of {@code >= <= > <}; {@code IllegalArgumentException} saying
     * what the expected form is otherwise. Only the form is checked here: whether the metric exists for a task and
     * whether the threshold is possible is the project file's business.
     */
    public static MetricTarget parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("target '" + text
                    + "' is not of the form 'metric OP number' with OP one of >=, <=, >, < (e.g. 'auc >= 0.8')");
        }
        return new MetricTarget(
                matcher.group(1), Comparison.ofSymbol(matcher.group(2)), Double.parseDouble(matcher.group(3)));
    }

    /** Whether {@code measured} meets the target; {@code NaN} never does. */
    public boolean isMetBy(double measured) {
        return comparison.holds(measured, value);
    }

    /** The target as written in gyre.yaml, e.g. {@code auc >= 0.8}. */
    @Override
    public String toString() {
        return metric + " " + comparison.symbol() + " " + format(value);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The comparison of a target. */
    public enum Comparison {
        AT_LEAST(">="),
        AT_MOST("<="),
        ABOVE(">"),
        BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether higher measured values are better under this comparison. */
        public boolean higherIsBetter() {
            return this == AT_LEAST || this == ABOVE;
        }

        boolean holds(double measured, double threshold) {
            return switch (this) {
                case AT_LEAST -> measured >= threshold;
                case AT_MOST -> measured <= threshold;
                case ABOVE -> measured > threshold;
                case BELOW -> measured < threshold;
            };
        }

        static Comparison ofSymbol(String symbol) {
            for (Comparison comparison : values()) {
                if (comparison.symbol.equals(symbol)) {
                    return comparison;
                }
            }
            throw new IllegalArgumentException("unknown comparison '" + symbol + "'");
        }
    }
}
