package dev.gyre.serve.rollout;

import dev.gyre.serve.repository.ServedVersion;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A rollout in progress on one served model: the candidate version, its traffic share, and what both arms did in the
 * current analysis window. Routing is decided per request: canary by a random draw against the share, A/B by a hash
 * of the request's routing key (so a user stays on one arm), shadow never (the candidate gets copies instead).
 */
public final class Rollout {

    private final long id;
    private final RolloutStart start;
    private final ServedVersion candidate;
    private volatile int stepIndex;
    private volatile int weightPercent;
    private final AtomicReference<ArmStats> stable = new AtomicReference<>(new ArmStats());
    private final AtomicReference<ArmStats> candidateStats = new AtomicReference<>(new ArmStats());
    private final LongAdder shadowCompared = new LongAdder();
    private final LongAdder shadowAgreed = new LongAdder();
    private final LongAdder shadowDropped = new LongAdder();
    private volatile String lastAnalysis = "";
    private ArmStats.Snapshot stableBaseline;

    Rollout(long id, RolloutStart start, ServedVersion candidate) {
        this.id = id;
        this.start = start;
        this.candidate = candidate;
        this.weightPercent =
                start.mode() == RolloutMode.SHADOW ? 0 : start.policy().steps().getFirst();
    }

    public long id() {
        return id;
    }

    public RolloutStart start() {
        return start;
    }

    public ServedVersion candidate() {
        return candidate;
    }

    public int weightPercent() {
        return weightPercent;
    }

    public int stepIndex() {
        return stepIndex;
    }

    /** The reason of the last analysis (canary) or an empty string. */
    public String lastAnalysis() {
        return lastAnalysis;
    }

    /** Whether this request goes to the candidate; {@code routingKey} (may be null) keeps A/B users on one arm. */
    public boolean routesToCandidate(String routingKey) {
        int weight = weightPercent;
        return switch (start.mode()) {
            case SHADOW -> false;
            case CANARY -> ThreadLocalRandom.current().nextInt(100) < weight;
            case AB ->
                (routingKey == null
                                ? ThreadLocalRandom.current().nextInt(100)
                                : Math.floorMod(mix(routingKey.hashCode()), 100))
                        < weight;
        };
    }

    /** The current window's figures for the stable arm. */
    public ArmStats stableStats() {
        return stable.get();
    }

    /** The current window's figures for the candidate. */
    public ArmStats candidateStats() {
        return candidateStats.get();
    }

    /** Shadow comparisons: requests scored by both, and those whose outputs agreed. */
    public long shadowCompared() {
        return shadowCompared.sum();
    }

    public long shadowAgreed() {
        return shadowAgreed.sum();
    }

    /** Shadow copies not scored because the candidate was saturated. */
    public long shadowDropped() {
        return shadowDropped.sum();
    }

    void shadowResult(boolean agreed) {
        shadowCompared.increment();
        if (agreed) {
            shadowAgreed.increment();
        }
    }

    void shadowDropped(long count) {
        shadowDropped.add(count);
    }

    /** Ends the window: answers both arms' figures and starts a fresh one. */
    ArmStats.Snapshot[] takeWindow() {
        return new ArmStats.Snapshot[] {
            stable.getAndSet(new ArmStats()).snapshot(),
            candidateStats.getAndSet(new ArmStats()).snapshot()
        };
    }

    /**
     * Stable's figures to judge a step against: {@code window} when stable had enough requests in it (it then becomes
     * the baseline), else the last window that had (at high canary shares stable gets little or no traffic).
     */
    synchronized ArmStats.Snapshot stableBaseline(ArmStats.Snapshot window) {
        if (stableBaseline == null
                || window.requests() >= Math.max(start.policy().minRequests(), 1)) {
            stableBaseline = window;
        }
        return stableBaseline;
    }

    void moveTo(int index) {
        stepIndex = index;
        weightPercent = start.policy().steps().get(index);
    }

    void analysed(String reason) {
        lastAnalysis = reason;
    }

    /** Spreads String.hashCode's low bits, which are poor for short keys. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
