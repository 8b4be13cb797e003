package dev.gyre.serve.rollout;

import java.util.Locale;

/**
 * The judgement at the end of each canary step, as a pure function of the step's figures so that it is tested on its
 * own: roll back when the candidate errs more than stable allows or is slower than the latency SLO; wait while it has
 * had too few requests to judge; otherwise advance to the next share, or promote after the last. The reason names the
 * figures it used, and is what the deployment history records.
 *
 * <p>Without an SLO in the project, the candidate's p99 may be at most {@code max(2 × stable's, stable's + 5 ms)}:
 * loose on purpose, because both are measured on the same busy machine and a p99 over a few hundred requests moves by
 * that much. Stable's figures come from the step's window when it had enough requests there, else from the last
 * window that did ({@link Rollout} keeps it): at 100% the stable arm gets no traffic at all.
 */
public final class CanaryAnalysis {

    /** Errors that are enough to roll back even before {@link RolloutPolicy#minRequests()} requests. */
    static final long DECISIVE_ERRORS = 3;

    private CanaryAnalysis() {}

    /** What to do now, and why. */
    public record Decision(Kind kind, String reason) {
        public enum Kind {
            WAIT,
            ADVANCE,
            PROMOTE,
            ROLLBACK
        }
    }

    /** Decides the step {@code stepIndex} of {@code policy.steps()} from both arms' figures over the step. */
    public static Decision decide(
            RolloutPolicy policy, int stepIndex, ArmStats.Snapshot stable, ArmStats.Snapshot candidate) {
        String figures = figures(stable, candidate);
        double allowed = stable.errorRate() + policy.maxErrorRateIncrease();
        boolean judgeable = candidate.requests() >= policy.minRequests();
        if ((judgeable || candidate.errors() >= DECISIVE_ERRORS)
                && candidate.errors() > 0
                && candidate.errorRate() > allowed) {
            return new Decision(
                    Decision.Kind.ROLLBACK,
                    String.format(
                                    Locale.ROOT,
                                    "candidate error rate %.2f%% exceeds stable's %.2f%% + %.2f points; ",
                                    100 * candidate.errorRate(),
                                    100 * stable.errorRate(),
                                    100 * policy.maxErrorRateIncrease())
                            + figures);
        }
        if (!judgeable) {
            return new Decision(
                    Decision.Kind.WAIT,
                    "waiting: the candidate had " + candidate.requests() + " of the " + policy.minRequests()
                            + " requests a step needs; " + figures);
        }
        boolean stableJudgeable = stable.requests() >= Math.max(policy.minRequests(), 1);
        double slo = policy.p99LatencyMillis() > 0
                ? policy.p99LatencyMillis()
                : (stableJudgeable && !Double.isNaN(stable.p99Millis())
                        ? Math.max(2 * stable.p99Millis(), stable.p99Millis() + 5)
                        : Double.POSITIVE_INFINITY);
        if (candidate.p99Millis() > slo) {
            return new Decision(
                    Decision.Kind.ROLLBACK,
                    String.format(
                                    Locale.ROOT,
                                    "candidate p99 latency %.2f ms exceeds %s %.2f ms; ",
                                    candidate.p99Millis(),
                                    policy.p99LatencyMillis() > 0
                                            ? "the SLO"
                                            : "max(2 × stable's p99, stable's p99 + 5 ms) =",
                                    slo)
                            + figures);
        }
        boolean last = stepIndex >= policy.steps().size() - 1;
        return new Decision(
                last ? Decision.Kind.PROMOTE : Decision.Kind.ADVANCE,
                (last
                                ? "passed the last step (" + policy.steps().get(stepIndex) + "%)"
                                : "passed " + policy.steps().get(stepIndex) + "%, next "
                                        + policy.steps().get(stepIndex + 1) + "%")
                        + "; " + figures);
    }

    private static String figures(ArmStats.Snapshot stable, ArmStats.Snapshot candidate) {
        return String.format(
                Locale.ROOT,
                "candidate %d requests, %d errors, p99 %s, mean output %s; stable %d requests, %d errors, p99 %s,"
                        + " mean output %s",
                candidate.requests(),
                candidate.errors(),
                millis(candidate.p99Millis()),
                number(candidate.outputMean()),
                stable.requests(),
                stable.errors(),
                millis(stable.p99Millis()),
                number(stable.outputMean()));
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
