package dev.gyre.train.tune;

import java.util.List;

/** Orders successful trials best first: by score in the metric's direction, ties to the lower trial number. */
final class TrialRanking {

    private TrialRanking() {}

    /** The successful trials of {@code results}, best first. */
    static List<TrialResult> bestFirst(List<TrialResult> results) {
        return results.stream()
                .filter(TrialResult::succeeded)
                .sorted(TrialRanking::compare)
                .toList();
    }

    private static int compare(TrialResult left, TrialResult right) {
        TrialOutcome a = left.outcome().orElseThrow();
        TrialOutcome b = right.outcome().orElseThrow();
        int byScore = a.higherIsBetter() ? Double.compare(b.score(), a.score()) : Double.compare(a.score(), b.score());
        return byScore != 0
                ? byScore
                : Integer.compare(left.trial().number(), right.trial().number());
    }
}
