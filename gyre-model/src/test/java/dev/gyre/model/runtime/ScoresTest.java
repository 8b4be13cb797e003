package dev.gyre.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.model.Task;
import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void binaryScoresAnswerProbabilityClassProbabilitiesAndClass() {
        Scores scores = new Scores(Task.BINARY, 2, 1, new double[] {0.8, 0.3});

        assertThat(scores.probability(0)).isEqualTo(0.8);
        assertThat(scores.classProbabilities(1)).containsExactly(0.7, 0.3);
        assertThat(scores.predictedClass(0)).isEqualTo(1);
        assertThat(scores.predictedClass(1)).isZero();
    }

    @Test
    void multiclassScoresPickTheMostProbableClassLowestOnTies() {
        Scores scores = new Scores(Task.MULTICLASS, 2, 3, new double[] {0.2, 0.5, 0.3, 0.4, 0.4, 0.2});

        assertThat(scores.classProbabilities(0)).containsExactly(0.2, 0.5, 0.3);
        assertThat(scores.predictedClass(0)).isEqualTo(1);
        assertThat(scores.predictedClass(1)).isZero();
        assertThatThrownBy(() -> scores.probability(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void regressionScoresHaveValuesButNoClasses() {
        Scores scores = new Scores(Task.REGRESSION, 1, 1, new double[] {3.5});

        assertThat(scores.value(0)).isEqualTo(3.5);
        assertThatThrownBy(() -> scores.predictedClass(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> scores.classProbabilities(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shapeMustFitTheValuesAndTheTask() {
        assertThatThrownBy(() -> new Scores(Task.BINARY, 2, 1, new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scores(Task.BINARY, 1, 2, new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scores(Task.MULTICLASS, 1, 1, new double[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalScoresCompareByValue() {
        assertThat(new Scores(Task.BINARY, 1, 1, new double[] {0.5}))
                .isEqualTo(new Scores(Task.BINARY, 1, 1, new double[] {0.5}))
                .hasSameHashCodeAs(new Scores(Task.BINARY, 1, 1, new double[] {0.5}))
                .isNotEqualTo(new Scores(Task.BINARY, 1, 1, new double[] {0.6}));
    }
}
