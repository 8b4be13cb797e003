package dev.gyre.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LInfinityDistanceTest {

    @Test
    void largestShareChange() {
        // Shares a: 0.5 -> 0.2, b: 0.5 -> 0.5, c: 0 -> 0.3; largest change 0.3.
        BinnedDistributions bins = CommonBins.categories(
                new CategoricalSummary(Map.of("a", 5L, "b", 5L), 10),
                new CategoricalSummary(Map.of("a", 2L, "b", 5L, "c", 3L), 10));
        assertThat(bins.labels()).containsExactly("a", "b", "c");
        assertThat(LInfinityDistance.of(bins)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void remainderOfPartialCountsIsItsOwnCategory() {
        // Reference lists 8 of 10 values: the remaining 2 form the "other" category.
        BinnedDistributions bins = CommonBins.categories(
                new CategoricalSummary(Map.of("a", 8L), 10), new CategoricalSummary(Map.of("a", 10L), 10));
        assertThat(bins.size()).isEqualTo(2);
        assertThat(LInfinityDistance.of(bins)).isCloseTo(0.2, within(1e-12));
    }
}
