package dev.gyre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogDefaultsTest {

    @Test
    void theTrackingServerLogsEverythingAndOtherCommandsOnlyWarnings() {
        assertThat(LogDefaults.forArguments(new String[] {"server", "--port", "0"}))
                .isEmpty();
        assertThat(LogDefaults.forArguments(new String[] {"train", "gyre.yaml"}))
                .isEqualTo(Map.of(LogDefaults.GYRE_LOG_LEVEL, "warn"));
        assertThat(LogDefaults.forArguments(new String[] {"train", "gyre.yaml", "--verbose"}))
                .isEmpty();
    }

    @Test
    void thePredictionServerLogsRequestsOnlyWhenAskedTo() {
        assertThat(LogDefaults.forArguments(new String[] {"serve", "models:/credit@champion"}))
                .isEqualTo(Map.of(LogDefaults.ACCESS_LOG_LEVEL, "warn"));
        assertThat(LogDefaults.forArguments(new String[] {"serve", "models:/credit@champion", "--access-log"}))
                .isEmpty();
    }
}
