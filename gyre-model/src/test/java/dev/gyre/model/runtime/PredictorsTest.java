package dev.gyre.model.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import org.junit.jupiter.api.Test;

class PredictorsTest {

    @Test
    void unknownKindNamesTheKnownOnes() {
        assertThatThrownBy(() -> Predictors.load("sklearn", new byte[] {1}, Task.BINARY))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("unknown model kind 'sklearn'")
                .hasMessageContaining("xgboost, baseline")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((GyreException) e).code())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void garbageBytesAreNoXGBoostModel() {
        assertThatThrownBy(() -> Predictors.load("xgboost", new byte[] {1, 2, 3}, Task.BINARY))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("not an XGBoost model");
    }
}
