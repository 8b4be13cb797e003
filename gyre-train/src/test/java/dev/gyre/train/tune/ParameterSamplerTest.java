package dev.gyre.train.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.train.project.ParameterRange;
import dev.gyre.train.project.SearchSpace;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParameterSamplerTest {

    private static final SearchSpace SPACE = space(
            "max_depth", new ParameterRange.IntRange(3, 10),
            "subsample", new ParameterRange.Uniform(0.5, 1.0),
            "eta", new ParameterRange.LogUniform(0.01, 0.3),
            "booster", new ParameterRange.Choice(List.of("gbtree", "dart")));

    @Test
    void drawsTypedValuesInsideTheirRangesInSpaceOrder() {
        ParameterSampler sampler = new ParameterSampler(SPACE, 42);
        Set<Object> depths = new HashSet<>();
        Set<Object> boosters = new HashSet<>();
        for (int candidate = 1; candidate <= 1000; candidate++) {
            Map<String, Object> params = sampler.sample(candidate);

            assertThat(params.keySet()).containsExactly("max_depth", "subsample", "eta", "booster");
            assertThat(params.get("max_depth")).isInstanceOf(Integer.class);
            assertThat((Integer) params.get("max_depth")).isBetween(3, 10);
            assertThat(params.get("subsample")).isInstanceOf(Double.class);
            assertThat((Double) params.get("subsample")).isBetween(0.5, 1.0);
            assertThat(params.get("eta")).isInstanceOf(Double.class);
            assertThat((Double) params.get("eta")).isBetween(0.01, 0.3);
            assertThat(params.get("booster")).isInstanceOf(String.class);
            depths.add(params.get("max_depth"));
            boosters.add(params.get("booster"));
        }
        assertThat(depths).as("both bounds are inclusive").containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(boosters).containsExactlyInAnyOrder("gbtree", "dart");
    }

    @Test
    void choicesKeepTheirValuesAsWrittenAndWideIntRangesGiveLongs() {
        SearchSpace space = space(
                "flag", new ParameterRange.Choice(List.of(true, false)),
                "big", new ParameterRange.IntRange(0, 10_000_000_000L));
        Map<String, Object> params = new ParameterSampler(space, 7).sample(1);

        assertThat(params.get("flag")).isInstanceOf(Boolean.class);
        assertThat(params.get("big")).isInstanceOf(Long.class);
        assertThat((Long) params.get("big")).isBetween(0L, 10_000_000_000L);
    }

    @Test
    void aCandidatesParametersDependOnlyOnSeedAndNumber() {
        ParameterSampler sampler = new ParameterSampler(SPACE, 42);
        Map<String, Object> third = sampler.sample(3);

        assertThat(new ParameterSampler(SPACE, 42).sample(3)).isEqualTo(third);
        IntStream.rangeClosed(1, 20).forEach(sampler::sample);
        assertThat(sampler.sample(3)).as("earlier draws change nothing").isEqualTo(third);
        assertThat(sampler.sample(4)).isNotEqualTo(third);
        assertThat(new ParameterSampler(SPACE, 43).sample(3)).isNotEqualTo(third);
    }

    @Test
    void logUniformSpreadsEvenlyOverDecades() {
        ParameterSampler sampler = new ParameterSampler(space("alpha", new ParameterRange.LogUniform(1e-3, 1e3)), 1);
        int draws = 12_000;
        int[] perDecade = new int[6];
        for (int candidate = 1; candidate <= draws; candidate++) {
            double value = (Double) sampler.sample(candidate).get("alpha");
            assertThat(value).isBetween(1e-3, 1e3);
            perDecade[(int) Math.min(5, Math.floor(Math.log10(value) + 3))]++;
        }
        for (int count : perDecade) {
            assertThat(count)
                    .as("each of the 6 decades gets about a sixth")
                    .isBetween(draws / 6 - 300, draws / 6 + 300);
        }
    }

    @Test
    void candidatesAreNumberedFromOne() {
        assertThatThrownBy(() -> new ParameterSampler(SPACE, 1).sample(0)).isInstanceOf(IllegalArgumentException.class);
    }

    static SearchSpace space(Object... nameRangePairs) {
        Map<String, ParameterRange> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameRangePairs.length; i += 2) {
            parameters.put((String) nameRangePairs[i], (ParameterRange) nameRangePairs[i + 1]);
        }
        return new SearchSpace(parameters);
    }
}
