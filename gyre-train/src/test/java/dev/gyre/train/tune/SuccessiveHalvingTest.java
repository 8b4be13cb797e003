package dev.gyre.train.tune;

import static dev.gyre.train.tune.TunerTest.XY;
import static dev.gyre.train.tune.TunerTest.none;
import static dev.gyre.train.tune.TunerTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.train.project.TuningSpec;
import dev.gyre.train.project.TuningSpec.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {

    private static final ParameterSampler SAMPLER = new ParameterSampler(XY, 42);

    @Test
    void nineCandidatesAndEightyOneRoundsGiveNineByNineThenThreeByTwentySevenThenOneByEightyOne() {
        SuccessiveHalving halving = new SuccessiveHalving(SAMPLER, 9, 81, 1);

        assertThat(halving.lastRung()).isEqualTo(2);
        assertThat(schedule(halving)).containsExactly("9x9", "3x27", "1x81");
        assertThat(halving.plannedTrials()).isEqualTo(13);
    }

    @Test
    void candidatesThatAreNotAPowerOfEtaRoundUp() {
        SuccessiveHalving halving = new SuccessiveHalving(SAMPLER, 10, 50, 1);

        assertThat(halving.lastRung()).isEqualTo(3);
        assertThat(schedule(halving)).containsExactly("10x1", "4x5", "2x16", "1x50");
        assertThat(halving.plannedTrials()).isEqualTo(17);
    }

    @Test
    void everyRungTrainsAtLeastOneRound() {
        assertThat(schedule(new SuccessiveHalving(SAMPLER, 9, 2, 1))).containsExactly("9x1", "3x1", "1x2");
        assertThat(schedule(new SuccessiveHalving(SAMPLER, 2, 1, 1))).containsExactly("2x1", "1x1");
    }

    @Test
    void oneCandidateIsOneRungAtFullRounds() {
        SuccessiveHalving halving = new SuccessiveHalving(SAMPLER, 1, 40, 2);

        assertThat(schedule(halving)).containsExactly("1x40");
        assertThat(halving.firstRung()).containsExactly(new Trial(1, SAMPLER.sample(1), 40, 2, 0));
    }

    @Test
    void theSearchRunsTheScheduleAndPromotesTheBestThird() {
        TuningResult result = Tuner.search(spec(Method.HALVING, 9, 2), 42, 81, 2, new Quadratic(), none());

        assertThat(result.trials())
                .extracting(trial -> trial.trial().number())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 13).boxed().toList());
        assertThat(result.trials())
                .extracting(trial -> trial.trial().rung() + "@" + trial.trial().rounds())
                .containsExactly(
                        "0@9", "0@9", "0@9", "0@9", "0@9", "0@9", "0@9", "0@9", "0@9", "1@27", "1@27", "1@27", "2@81");
        List<TrialResult> rung0 = result.trials().subList(0, 9);
        List<Map<String, Object>> bestThree = TrialRanking.bestFirst(rung0).stream()
                .limit(3)
                .sorted((a, b) -> Integer.compare(a.trial().number(), b.trial().number()))
                .map(trial -> trial.trial().params())
                .toList();
        assertThat(result.trials().subList(9, 12))
                .extracting(trial -> trial.trial().params())
                .containsExactlyElementsOf(bestThree);
        assertThat(result.best().trial().number()).isEqualTo(13);
        assertThat(result.bestParams())
                .isEqualTo(TrialRanking.bestFirst(rung0).getFirst().trial().params());
        assertThat(result.plannedTrials()).isEqualTo(13);
        assertThat(result.cutShort()).isFalse();
    }

    @Test
    void theBestComesFromTheHighestRungEvenWhenALowerRungScoredBetter() {
        TrialRunner worseWithRounds =
                trial -> new TrialOutcome(Quadratic.value(trial) + trial.rounds(), "loss", false, 0, null);

        TuningResult result = Tuner.search(spec(Method.HALVING, 9, 1), 42, 81, 1, worseWithRounds, none());

        assertThat(result.best().trial().rung()).isEqualTo(2);
        assertThat(result.best().trial().rounds()).isEqualTo(81);
    }

    @Test
    void failedTrialsAreNeverPromoted() {
        TrialRunner mostFail = trial -> {
            if (trial.rung() == 0 && trial.number() <= 7) {
                throw new IllegalStateException("out of memory in trial " + trial.number());
            }
            return new Quadratic().run(trial);
        };

        TuningResult result = Tuner.search(spec(Method.HALVING, 9, 1), 42, 81, 1, mostFail, none());

        assertThat(result.trials())
                .extracting(trial -> trial.trial().rung() + "#" + trial.trial().number())
                .containsExactly("0#1", "0#2", "0#3", "0#4", "0#5", "0#6", "0#7", "0#8", "0#9", "1#10", "1#11", "2#12");
        assertThat(result.trials().subList(9, 11))
                .extracting(trial -> trial.trial().params())
                .containsExactly(SAMPLER.sample(8), SAMPLER.sample(9));
        assertThat(result.failedCount()).isEqualTo(7);
        assertThat(result.best().trial().number()).isEqualTo(12);
    }

    @Test
    void aRungWhereEveryTrialFailsEndsTheSearchWithTheBestOfTheRungBelow() {
        TrialRunner failsLonger = trial -> {
            if (trial.rung() == 1) {
                throw new IllegalStateException("too slow");
            }
            return new Quadratic().run(trial);
        };

        TuningResult result = Tuner.search(spec(Method.HALVING, 9, 1), 42, 81, 1, failsLonger, none());

        assertThat(result.trials()).hasSize(12);
        assertThat(result.best().trial().rung()).isZero();
        assertThat(result.best().trial().rounds()).isEqualTo(9);
    }

    @Test
    void theTimeBudgetStartsNoFurtherRung() {
        TrialRunner slow = trial -> {
            TunerTest.sleep(150);
            return new Quadratic().run(trial);
        };
        TuningSpec spec = new TuningSpec(Method.HALVING, 3, Optional.of(Duration.ofMillis(100)), 3, XY);

        TuningResult result = Tuner.search(spec, 42, 9, 3, slow, none());

        assertThat(result.cutShort()).isTrue();
        assertThat(result.trials())
                .hasSize(3)
                .allSatisfy(trial -> assertThat(trial.trial().rung()).isZero());
        assertThat(result.best().trial().rounds()).isEqualTo(3);
    }

    /** "candidates x rounds" per rung, as planned. */
    private static List<String> schedule(SuccessiveHalving halving) {
        return IntStream.rangeClosed(0, halving.lastRung())
                .mapToObj(rung -> halving.candidatesAt(rung) + "x" + halving.roundsAt(rung))
                .toList();
    }
}
