package dev.gyre.train.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void aSwapOfNeighboursCountsAsOneEdit() {
        assertThat(Suggestions.distance("targest", "targets")).isEqualTo(1);
        assertThat(Suggestions.distance("seed", "sed")).isEqualTo(1);
        assertThat(Suggestions.distance("abc", "xyz")).isEqualTo(3);
    }

    @Test
    void onlyACloseNameIsSuggested() {
        assertThat(Suggestions.closest("Trainer", List.of("rounds", "trainer"))).contains("trainer");
        assertThat(Suggestions.closest("ab", List.of("xy"))).isEmpty();
        assertThat(Suggestions.closest("colour", List.of("trainer", "rounds"))).isEmpty();
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("30")).isEmpty();
        assertThat(Durations.parse("0m")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse("99999999999999999999h")).isEmpty();
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
