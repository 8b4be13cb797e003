package dev.gyre.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.model.Task;
import dev.gyre.model.runtime.Scores;
import org.junit.jupiter.api.Test;

class DecisionThresholdTest {

    private static Scores binary(double... probabilities) {
        return new Scores(Task.BINARY, probabilities.length, 1, probabilities);
    }

    @Test
    void choosesTheProbabilityThatMaximisesF1() {
        // Predicting p >= 0.3 gives TP=2, FP=1, FN=0: F1 = 4/5, better than p >= 0.6 (F1 = 2/3) or all (F1 = 4/6).
        Scores scores = binary(0.9, 0.3, 0.35, 0.1, 0.6);
        float[] labels = {1, 0, 1, 0, 0};
        assertThat(DecisionThreshold.chooseByF1(scores, labels)).isEqualTo(0.35);
    }

    @Test
    void tiedProbabilitiesAreOneThresholdAndNoPositiveRowKeepsTheDefault() {
        assertThat(DecisionThreshold.chooseByF1(binary(0.2, 0.2, 0.2), new float[] {1, 0, 0}))
                .isEqualTo(0.2);
        assertThat(DecisionThreshold.chooseByF1(binary(0.2, 0.7), new float[] {0, 0}))
                .isEqualTo(DecisionThreshold.DEFAULT);
    }

    @Test
    void staysStrictlyInsideZeroAndOne() {
        assertThat(DecisionThreshold.chooseByF1(binary(1.0, 0.0), new float[] {1, 0}))
                .isLessThan(1.0)
                .isGreaterThan(0.999);
    }
}
