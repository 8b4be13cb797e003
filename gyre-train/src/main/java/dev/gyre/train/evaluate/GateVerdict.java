package dev.gyre.train.evaluate;

import dev.gyre.model.MetricTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a trained model meets the targets its project set before training, and why: the one answer a gated
 * registration needs, and one reason per target so a failed gate says what to fix. A target on a metric the task
 * does not compute fails the gate (a typo must not pass silently); a {@code NaN} value fails it; serving targets
 * (latency, throughput, memory) are listed as not checked, because they are measured on the serving path.
 *
 * @param passed whether no target failed or was missing
 * @param checks one per target, in the targets' order
 */
public record GateVerdict(boolean passed, List<TargetCheck> checks) {

    public GateVerdict {
        checks = List.copyOf(checks);
    }

    /** Checks every target against {@code metrics} (names as in {@link TaskMetrics#asMap()}). */
    public static GateVerdict check(List<MetricTarget> targets, Map<String, Double> metrics) {
        List<TargetCheck> checks = new ArrayList<>(targets.size());
        for (MetricTarget target : targets) {
            checks.add(checkOne(target, metrics));
        }
        return new GateVerdict(checks.stream().noneMatch(c -> c.status().blocks()), checks);
    }

    /** Whether {@code metric} is measured at serving time rather than at training. */
    public static boolean servingMetric(String metric) {
        return metric.contains("latency") || metric.contains("throughput") || metric.contains("memory");
    }

    /** The reasons, one per target. */
    public List<String> reasons() {
        return checks.stream().map(TargetCheck::reason).toList();
    }

    /** One line, e.g. {@code failed: 1 of 2 checked targets not met}. */
    public String summary() {
        long checked = checks.stream()
                .filter(c -> c.status() != TargetCheck.Status.NOT_CHECKED)
                .count();
        long blocking = checks.stream().filter(c -> c.status().blocks()).count();
        if (checks.isEmpty()) {
            return "passed: the project sets no targets";
        }
        return passed
                ? "passed: " + checked + " of " + checked + " checked targets met"
                : "failed: " + blocking + " of " + checked + " checked targets not met";
    }

    private static TargetCheck checkOne(MetricTarget target, Map<String, Double> metrics) {
        String metric = target.metric();
        if (servingMetric(metric)) {
            return new TargetCheck(
                    target,
                    TargetCheck.Status.NOT_CHECKED,
                    Double.NaN,
                    target + ": not checked at training (a serving target, measured when the model is served)");
        }
        Double measured = metrics.get(metric);
        if (measured == null) {
            return new TargetCheck(
                    target,
                    TargetCheck.Status.MISSING,
                    Double.NaN,
                    "metric '" + metric + "' was not computed for this task (target " + target + ")");
        }
        if (Double.isNaN(measured)) {
            return new TargetCheck(
                    target,
                    TargetCheck.Status.FAILED,
                    Double.NaN,
                    metric + " could not be computed (NaN), so target " + target + " is not met");
        }
        boolean met = target.isMetBy(measured);
        String symbol = met ? target.comparison().symbol() : negated(target.comparison());
        return new TargetCheck(
                target,
                met ? TargetCheck.Status.PASSED : TargetCheck.Status.FAILED,
                measured,
                metric + " " + readable(measured, target) + " " + symbol + " target " + threshold(target));
    }

    private static String negated(MetricTarget.Comparison comparison) {
        return switch (comparison) {
            case AT_LEAST -> "<";
            case AT_MOST -> ">";
            case ABOVE -> "<=";
            case BELOW -> ">=";
        };
    }

    /** The target's threshold as written, e.g. {@code 0.8}. */
    private static String threshold(MetricTarget target) {
        String text = target.toString();
        return text.substring(text.lastIndexOf(' ') + 1);
    }

    /**
     * {@code value} with three decimals, or more when three would round it onto the wrong side of the threshold or
     * onto the threshold itself ("0.8 < target 0.8" would read as a contradiction).
     */
    static String readable(double value, MetricTarget target) {
        boolean met = target.isMetBy(value);
        String shown = "";
        for (int decimals = 3; decimals <= 17; decimals++) {
            shown = BigDecimal.valueOf(value)
                    .setScale(decimals, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
            double rounded = Double.parseDouble(shown);
            if (target.isMetBy(rounded) == met && (rounded != target.value() || value == target.value())) {
                return shown;
            }
        }
        return shown;
    }
}
