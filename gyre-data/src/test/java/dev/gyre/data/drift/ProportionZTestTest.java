package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProportionZTestTest {

    @Test
    void handExampleAgreesWithChiSquare() {
        // "a": 30 of 100 vs 45 of 100; pooled p = 0.375; se = sqrt(0.375 * 0.625 * (1/100 + 1/100)) = 0.0684653;
        // z = (0.30 - 0.45) / 0.0684653 = -2.190890; two-sided p = 2 * (1 - Phi(2.190890)) = 0.028460; z^2 = 4.8.
        CategoricalSummary reference = new CategoricalSummary(Map.of("a", 30L, "b", 70L), 100);
        CategoricalSummary current = new CategoricalSummary(Map.of("a", 45L, "b", 55L), 100);
        TestResult z = ProportionZTest.test(reference, current);
        assertThat(z.statistic()).isCloseTo(-2.190890, within(1e-6));
        assertThat(z.pValue()).isCloseTo(0.028460, within(1e-6));
        TestResult chiSquare = ChiSquareHomogeneity.test(reference, current);
        assertThat(chiSquare.statistic()).isCloseTo(z.statistic() * z.statistic(), within(1e-9));
        assertThat(chiSquare.pValue()).isCloseTo(z.pValue(), within(1e-12));
    }

    @Test
    void identicalAndDegenerateInputs() {
        CategoricalSummary same = new CategoricalSummary(Map.of("yes", 4L, "no", 6L), 10);
        assertThat(ProportionZTest.test(same, same).pValue()).isEqualTo(1.0);
        CategoricalSummary single = new CategoricalSummary(Map.of("yes", 4L), 4);
        assertThat(ProportionZTest.test(single, single).pValue()).isEqualTo(1.0);
        CategoricalSummary three = new CategoricalSummary(Map.of("a", 1L, "b", 1L, "c", 1L), 3);
        assertThatThrownBy(() -> ProportionZTest.test(three, same)).isInstanceOf(IllegalArgumentException.class);
    }
}
