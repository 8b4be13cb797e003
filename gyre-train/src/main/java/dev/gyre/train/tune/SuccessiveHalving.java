package dev.gyre.train.tune;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Successive halving with reduction factor η = {@value #ETA}: most candidates are poor and show it after a few
 * rounds, so every candidate gets a small round budget and only the best third goes on, with three times the rounds,
 * until one candidate trains with the full budget. Each rung costs about one full training's worth of rounds, so
 * the search costs about {@code R + 1} full trainings (below) where random search over as many candidates costs
 * {@code n}.
 *
 * <p>With {@code n} candidates and {@code N} full rounds there are {@code R + 1} rungs, {@code R} the smallest whole
 * number with η<sup>R</sup> ≥ n. Rung {@code r} trains the best ⌈n / η<sup>r</sup>⌉ candidates of rung {@code r − 1}
 * (all {@code n} at rung 0) with max(1, ⌊N / η<sup>R − r</sup>⌋) rounds, so the last rung trains one candidate with
 * exactly {@code N}. For n = 9, N = 81: 9 trials of 9 rounds, then 3 of 27, then 1 of 81 (13 trials); for n = 10,
 * N = 50: 10 × 1, 4 × 5, 2 × 16, 1 × 50.
 *
 * <p>Every (candidate, rung) is its own {@link Trial}, trained from scratch. Candidate {@code k} is trial {@code k} at
 * rung 0; later rungs continue the numbering, promoted candidates in the order of their previous trial numbers.
 * Promotion ranks by score (ties to the lower trial number); a failed trial is never promoted, so a rung may hold
 * fewer candidates than planned, and the search ends early when a rung has no successful trial.
 *
 * @param sampler draws the candidates
 * @param candidates how many candidates rung 0 trains, at least 1
 * @param rounds the full boosting-round budget, trained at the last rung, at least 1
 * @param threads native threads per trial, at least 1
 */
public record SuccessiveHalving(ParameterSampler sampler, int candidates, int rounds, int threads)
        implements SearchSchedule {

    /** The reduction factor: each rung keeps a third of the candidates and trains them three times longer. */
    public static final int ETA = 3;

    public SuccessiveHalving {
        Objects.requireNonNull(sampler, "sampler");
        if (candidates < 1 || rounds < 1 || threads < 1) {
            throw new IllegalArgumentException("candidates, rounds and threads must be at least 1");
        }
    }

    /** R: the index of the last rung, the smallest whole number with η<sup>R</sup> ≥ candidates. */
    public int lastRung() {
        int rung = 0;
        for (long reach = 1; reach < candidates; reach *= ETA) {
            rung++;
        }
        return rung;
    }

    /** How many candidates rung {@code rung} trains when no trial fails: ⌈candidates / η<sup>rung</sup>⌉. */
    public int candidatesAt(int rung) {
        checkRung(rung);
        long divisor = power(rung);
        return (int) ((candidates + divisor - 1) / divisor);
    }

    /** The rounds of each trial of rung {@code rung}: max(1, ⌊rounds / η<sup>R − rung</sup>⌋). */
    public int roundsAt(int rung) {
        checkRung(rung);
        return (int) Math.max(1, rounds / power(lastRung() - rung));
    }

    @Override
    public List<Trial> firstRung() {
        return IntStream.rangeClosed(1, candidates)
                .mapToObj(number -> new Trial(number, sampler.sample(number), roundsAt(0), threads, 0))
                .toList();
    }

    @Override
    public List<Trial> nextRung(List<TrialResult> finished) {
        if (finished.isEmpty()) {
            return List.of();
        }
        int rung = finished.getFirst().trial().rung() + 1;
        if (rung > lastRung()) {
            return List.of();
        }
        int keep = (finished.size() + ETA - 1) / ETA;
        List<Trial> promoted = TrialRanking.bestFirst(finished).stream()
                .limit(keep)
                .map(TrialResult::trial)
                .sorted(Comparator.comparingInt(Trial::number))
                .toList();
        int next = finished.stream()
                        .mapToInt(result -> result.trial().number())
                        .max()
                        .orElseThrow()
                + 1;
        return IntStream.range(0, promoted.size())
                .mapToObj(i -> new Trial(next + i, promoted.get(i).params(), roundsAt(rung), threads, rung))
                .toList();
    }

    @Override
    public int plannedTrials() {
        return IntStream.rangeClosed(0, lastRung()).map(this::candidatesAt).sum();
    }

    private void checkRung(int rung) {
        if (rung < 0 || rung > lastRung()) {
            throw new IllegalArgumentException("rung " + rung + " is outside 0.." + lastRung());
        }
    }

    private static long power(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= ETA;
        }
        return result;
    }
}
