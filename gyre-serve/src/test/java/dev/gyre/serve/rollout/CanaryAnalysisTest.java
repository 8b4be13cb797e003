package dev.gyre.serve.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.serve.rollout.CanaryAnalysis.Decision.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryAnalysisTest {

    private static final RolloutPolicy POLICY =
            new RolloutPolicy(List.of(10, 50, 100), Duration.ofSeconds(1), 100, 0.01, 0);

    private static ArmStats.Snapshot arm(long requests, long errors, double p99) {
        return new ArmStats.Snapshot(requests, errors, p99, requests, 0.2, 0.1);
    }

    @Test
    void aHealthyCandidateAdvancesThenIsPromotedAfterTheLastStep() {
        CanaryAnalysis.Decision first = CanaryAnalysis.decide(POLICY, 0, arm(900, 0, 2.0), arm(100, 0, 2.2));
        assertThat(first.kind()).isEqualTo(Kind.ADVANCE);
        assertThat(first.reason()).startsWith("passed 10%, next 50%; candidate 100 requests, 0 errors, p99 2.20 ms");
        assertThat(CanaryAnalysis.decide(POLICY, 2, arm(0, 0, Double.NaN), arm(1000, 0, 2.0))
                        .kind())
                .isEqualTo(Kind.PROMOTE);
    }

    @Test
    void tooFewRequestsWaitRatherThanPass() {
        CanaryAnalysis.Decision decision = CanaryAnalysis.decide(POLICY, 0, arm(900, 0, 2.0), arm(99, 0, 2.0));
        assertThat(decision.kind()).isEqualTo(Kind.WAIT);
        assertThat(decision.reason()).startsWith("waiting: the candidate had 99 of the 100 requests a step needs");
    }

    @Test
    void moreErrorsThanStablePlusTheToleranceRollBack() {
        // 2% against stable's 0.5% + 1 point.
        CanaryAnalysis.Decision decision = CanaryAnalysis.decide(POLICY, 1, arm(1000, 5, 2.0), arm(200, 4, 2.0));
        assertThat(decision.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(decision.reason()).startsWith("candidate error rate 2.00% exceeds stable's 0.50% + 1.00 points");
        // Within the tolerance: 1% against 0.5% + 1 point.
        assertThat(CanaryAnalysis.decide(POLICY, 1, arm(1000, 5, 2.0), arm(200, 2, 2.0))
                        .kind())
                .isEqualTo(Kind.ADVANCE);
        // Three errors are decisive even before the minimum of requests.
        assertThat(CanaryAnalysis.decide(POLICY, 0, arm(1000, 0, 2.0), arm(10, 3, 2.0))
                        .kind())
                .isEqualTo(Kind.ROLLBACK);
        assertThat(CanaryAnalysis.decide(POLICY, 0, arm(1000, 0, 2.0), arm(10, 2, 2.0))
                        .kind())
                .isEqualTo(Kind.WAIT);
    }

    @Test
    void latencyIsJudgedAgainstTheSloOrElseAgainstStable() {
        RolloutPolicy withSlo = POLICY.withP99LatencyMillis(10);
        CanaryAnalysis.Decision slow = CanaryAnalysis.decide(withSlo, 0, arm(900, 0, 2.0), arm(100, 0, 12.5));
        assertThat(slow.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(slow.reason()).startsWith("candidate p99 latency 12.50 ms exceeds the SLO 10.00 ms");
        assertThat(CanaryAnalysis.decide(withSlo, 0, arm(900, 0, 2.0), arm(100, 0, 9.0))
                        .kind())
                .isEqualTo(Kind.ADVANCE);
        // No SLO: at most max(2 × stable's p99, stable's p99 + 5 ms): 7 ms here, 20 ms for a 10 ms stable p99.
        assertThat(CanaryAnalysis.decide(POLICY, 0, arm(900, 0, 2.0), arm(100, 0, 7.5))
                        .kind())
                .isEqualTo(Kind.ROLLBACK);
        assertThat(CanaryAnalysis.decide(POLICY, 0, arm(900, 0, 2.0), arm(100, 0, 6.9))
                        .kind())
                .isEqualTo(Kind.ADVANCE);
        assertThat(CanaryAnalysis.decide(POLICY, 0, arm(900, 0, 10.0), arm(100, 0, 19.0))
                        .kind())
                .isEqualTo(Kind.ADVANCE);
        // Stable without enough requests to judge by: no relative latency check.
        assertThat(CanaryAnalysis.decide(POLICY, 1, arm(2, 0, 1.0), arm(100, 0, 50.0))
                        .kind())
                .isEqualTo(Kind.ADVANCE);
    }

    @Test
    void armStatsMeasureRatesPercentilesAndMoments() {
        ArmStats stats = new ArmStats();
        for (int i = 0; i < 99; i++) {
            stats.succeeded(1_000_000, i % 2);
        }
        stats.failed(50_000_000);
        ArmStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.requests()).isEqualTo(100);
        assertThat(snapshot.errorRate()).isEqualTo(0.01);
        assertThat(snapshot.p99Millis()).isBetween(1.0, 1.1);
        assertThat(snapshot.outputMean()).isCloseTo(49.0 / 99, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new ArmStats().snapshot().p99Millis()).isNaN();
    }
}
