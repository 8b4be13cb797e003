package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriftConfigTest {

    @Test
    void methodsAreNamedByTheirLabelInAnyCase() {
        for (DriftMethod method : DriftMethod.values()) {
            assertThat(DriftMethod.named(method.label())).isEqualTo(method);
            assertThat(DriftMethod.named(method.label().toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(method);
        }
        assertThatThrownBy(() -> DriftMethod.named("ks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown drift method 'ks' (expected one of kolmogorov_smirnov, wasserstein_normed, psi,"
                        + " jensen_shannon, chi_square, z_test, l_infinity)");
    }

    @Test
    void everyThresholdIsConfigurableAndChecked() {
        DriftConfig config = DriftConfig.defaults()
                .withThreshold(DriftMethod.PSI, 0.25)
                .withDatasetDriftShare(0.3)
                .withSmallSampleMaxRows(5000)
                .withMethod("age", DriftMethod.JENSEN_SHANNON);

        assertThat(config.thresholdFor(DriftMethod.PSI)).isEqualTo(0.25);
        assertThat(config.thresholdFor(DriftMethod.KOLMOGOROV_SMIRNOV)).isEqualTo(0.05);
        assertThat(config.datasetDriftShare()).isEqualTo(0.3);
        assertThat(config.smallSampleMaxRows()).isEqualTo(5000);
        assertThat(config.methodOverrides()).containsEntry("age", DriftMethod.JENSEN_SHANNON);

        assertThatThrownBy(() -> DriftConfig.defaults().withThreshold(DriftMethod.KOLMOGOROV_SMIRNOV, 1.5))
                .hasMessage("threshold of kolmogorov_smirnov must be a p-value level in [0, 1], was 1.5");
        assertThatThrownBy(() -> DriftConfig.defaults().withThreshold(DriftMethod.PSI, -0.1))
                .hasMessage("threshold of psi must be >= 0, was -0.1");
        assertThatThrownBy(() -> DriftConfig.defaults().withDatasetDriftShare(1.2))
                .hasMessageContaining("datasetDriftShare in [0, 1]");
        assertThatThrownBy(() -> DriftConfig.defaults().withSmallSampleMaxRows(-1))
                .hasMessageContaining("smallSampleMaxRows must be >= 0");
    }
}
