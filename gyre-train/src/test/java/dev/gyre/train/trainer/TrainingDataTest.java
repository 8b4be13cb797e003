package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static final FeatureMatrix THREE = new FeatureMatrix(new float[] {1, 2, 3}, 3, List.of("x"));

    @Test
    void emptyTrainingDataIsRejected() {
        FeatureMatrix empty = new FeatureMatrix(new float[0], 0, List.of("x"));

        assertThatThrownBy(() -> TrainingData.of(Task.REGRESSION, 0, empty, new float[0]))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void multiclassLabelsOutsideTheClassRangeAreRejected() {
        assertThatThrownBy(() -> TrainingData.of(Task.MULTICLASS, 3, THREE, new float[] {0, 1, 3}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("row 2 is 3.0")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> TrainingData.of(Task.MULTICLASS, 3, THREE, new float[] {0, 1.5f, 2}))
                .isInstanceOf(GyreException.class);
    }

    @Test
    void fewerThanTwoClassesAreRejected() {
        assertThatThrownBy(() -> TrainingData.of(Task.MULTICLASS, 1, THREE, new float[] {0, 0, 0}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> TrainingData.of(Task.BINARY, 2, THREE, new float[] {1, 1, 1}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("every training label is class 1");
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThatThrownBy(() -> TrainingData.of(Task.REGRESSION, 0, THREE, new float[] {1, 2}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("3 rows but 2 labels");
        TrainingData data = TrainingData.of(Task.REGRESSION, 0, THREE, new float[] {1, 2, 3});
        FeatureMatrix other = new FeatureMatrix(new float[] {1}, 1, List.of("y"));
        assertThatThrownBy(() -> data.withValidation(other, new float[] {1}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("validation features must be the training features");
        assertThatThrownBy(() -> data.withWeights(new float[] {1, -1, 1}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> TrainingData.of(Task.REGRESSION, 0, THREE, new float[] {1, Float.NaN, 3}))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new TrainerSettings(0, 0, 1, 0, Map.of()))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("rounds");
        assertThatThrownBy(() -> TrainerSettings.defaults().withThreads(-1)).isInstanceOf(GyreException.class);
        assertThatThrownBy(() -> TrainerSettings.defaults().withEarlyStoppingRounds(-2))
                .isInstanceOf(GyreException.class);
    }
}
