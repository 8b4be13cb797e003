package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class ChiSquareHomogeneityTest {

    @Test
    void handExample() {
        // Table [[10, 20], [20, 10]]: row and column totals 30, N = 60, every expected count 15;
        // X2 = 4 * (5^2 / 15) = 6.666667 with (2-1)(2-1) = 1 dof; p = P(chi2_1 >= 6.666667) = 0.009823.
        TestResult result = ChiSquareHomogeneity.test(
                new CategoricalSummary(Map.of("a", 10L, "b", 20L), 30),
                new CategoricalSummary(Map.of("a", 20L, "b", 10L), 30));
        assertThat(result.statistic()).isCloseTo(100.0 / 15, within(1e-12));
        assertThat(result.degreesOfFreedom()).isEqualTo(1);
        assertThat(result.pValue())
                .isCloseTo(ChiSquaredDistribution.of(1).survivalProbability(100.0 / 15), within(1e-15))
                .isCloseTo(0.009823, within(1e-6));
    }

    @Test
    void categoryMissingOnOneSide() {
        // Table [[6, 0], [3, 3]]: column totals 9, 3; N = 12; expected [[4.5, 1.5], [4.5, 1.5]].
        // X2 = 1.5^2/4.5 + 1.5^2/1.5 + 1.5^2/4.5 + 1.5^2/1.5 = 0.5 + 1.5 + 0.5 + 1.5 = 4.
        TestResult result = ChiSquareHomogeneity.test(
                new CategoricalSummary(Map.of("a", 6L), 6), new CategoricalSummary(Map.of("a", 3L, "b", 3L), 6));
        assertThat(result.statistic()).isCloseTo(4.0, within(1e-12));
        assertThat(result.degreesOfFreedom()).isEqualTo(1);
    }

    @Test
    void singleCategoryCannotDrift() {
        TestResult result = ChiSquareHomogeneity.test(
                new CategoricalSummary(Map.of("a", 6L), 6), new CategoricalSummary(Map.of("a", 3L), 3));
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.statistic()).isEqualTo(0.0);
    }

    @Test
    void weatherTypesOfSeattleAndNewYorkDiffer() {
        CategoricalSummary seattle = CategoricalSummary.of(DriftData.weatherCategories("Seattle"));
        CategoricalSummary newYork = CategoricalSummary.of(DriftData.weatherCategories("New York"));
        TestResult result = ChiSquareHomogeneity.test(seattle, newYork);
        assertThat(result.pValue()).isLessThan(1e-6);
        assertThat(ChiSquareHomogeneity.test(seattle, seattle).pValue()).isEqualTo(1.0);
    }
}
