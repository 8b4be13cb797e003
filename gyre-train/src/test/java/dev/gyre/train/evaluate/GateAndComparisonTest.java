package dev.gyre.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.model.MetricTarget;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateAndComparisonTest {

    private static List<MetricTarget> targets(String... texts) {
        return Arrays.stream(texts).map(MetricTarget::parse).toList();
    }

    @Test
    void gateGivesOneReasonPerTarget() {
        GateVerdict verdict = GateVerdict.check(
                targets("auc >= 0.80", "log_loss <= 0.5", "macro_f1 >= 0.7", "p99_latency_ms <= 10"),
                Map.of("auc", 0.742, "log_loss", 0.31));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons())
                .containsExactly(
                        "auc 0.742 < target 0.8",
                        "log_loss 0.31 <= target 0.5",
                        "metric 'macro_f1' was not computed for this task (target macro_f1 >= 0.7)",
                        "p99_latency_ms <= 10: not checked at training (a serving target, measured when the model is"
                                + " served)");
        assertThat(verdict.checks())
                .extracting(TargetCheck::status)
                .containsExactly(
                        TargetCheck.Status.FAILED,
                        TargetCheck.Status.PASSED,
                        TargetCheck.Status.MISSING,
                        TargetCheck.Status.NOT_CHECKED);
        assertThat(verdict.summary()).isEqualTo("failed: 2 of 3 checked targets not met");
    }

    @Test
    void servingTargetsAloneDoNotFailTheGate() {
        GateVerdict verdict = GateVerdict.check(
                targets("throughput_rps >= 1000", "max_memory_mb <= 512", "auc > 0.5"), Map.of("auc", 0.9));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.summary()).isEqualTo("passed: 1 of 1 checked targets met");
        assertThat(verdict.reasons().get(2)).isEqualTo("auc 0.9 > target 0.5");
    }

    @Test
    void nanFailsAndValuesNearTheThresholdAreNotRoundedOntoIt() {
        GateVerdict verdict =
                GateVerdict.check(targets("auc >= 0.8", "rmse < 2"), Map.of("auc", Double.NaN, "rmse", 2.0000004));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons())
                .containsExactly(
                        "auc could not be computed (NaN), so target auc >= 0.8 is not met",
                        "rmse 2.0000004 >= target 2");
    }

    @Test
    void directionFollowsTheMetric() {
        assertThat(MetricDirection.of("auc")).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(MetricDirection.of("r2")).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(MetricDirection.of("throughput_rps")).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        for (String lower : List.of("log_loss", "rmse", "mae", "ece", "brier", "max_error", "p95_latency_ms")) {
            assertThat(MetricDirection.of(lower)).as(lower).isEqualTo(MetricDirection.LOWER_IS_BETTER);
        }
    }

    @Test
    void comparisonRespectsDirection() {
        Map<String, Map<String, Double>> others = new LinkedHashMap<>();
        others.put("baseline:majority", Map.of("auc", 0.5, "log_loss", 0.69));
        others.put("champion:v3", Map.of("auc", 0.91, "log_loss", 0.25, "ece", 0.02));
        Map<String, Double> model = new LinkedHashMap<>();
        model.put("auc", 0.88);
        model.put("log_loss", 0.30);

        Comparison comparison = Comparison.of("model", model, others);

        assertThat(comparison.competitors()).containsExactly("baseline:majority", "champion:v3");
        assertThat(comparison.rows()).extracting(ComparisonRow::metric).containsExactly("auc", "log_loss", "ece");
        ComparisonRow logLoss = comparison.row("log_loss").orElseThrow();
        assertThat(logLoss.others())
                .extracting(ComparisonEntry::outcome)
                .containsExactly(ComparisonEntry.Outcome.BETTER, ComparisonEntry.Outcome.WORSE);
        assertThat(logLoss.others().getFirst().delta()).isCloseTo(0.30 - 0.69, within(1e-12));
        assertThat(comparison.row("auc").orElseThrow().others())
                .extracting(ComparisonEntry::outcome)
                .containsExactly(ComparisonEntry.Outcome.BETTER, ComparisonEntry.Outcome.WORSE);
        ComparisonRow ece = comparison.row("ece").orElseThrow();
        assertThat(ece.model()).isNaN();
        assertThat(ece.others())
                .extracting(ComparisonEntry::outcome)
                .containsExactly(ComparisonEntry.Outcome.UNKNOWN, ComparisonEntry.Outcome.UNKNOWN);
    }
}
