package dev.gyre.data.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.page.Page;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetJsonTest {

    private static final DatasetVersion VERSION = new DatasetVersion(
            "weather",
            3,
            "sha256:6fd7cb014af22d872aa455aa783b0ab50194ca0ed70e7f3e3641151d9819ff62",
            "/data/seattle.csv",
            "csv",
            1461,
            "[{\"name\":\"wind\",\"type\":\"numeric\",\"duckdb_type\":\"DOUBLE\",\"nullable\":false}]",
            null,
            1_795_000_000_000L);

    @Test
    void versionsAndSummariesRoundTripThroughTheWireForm() throws Exception {
        String wire =
                DatasetJson.registration(new DatasetRegistration(VERSION, true)).toString();
        var parsed = new ObjectMapper().readTree(wire);

        assertThat(parsed.path("created").asBoolean()).isTrue();
        assertThat(parsed.path("dataset_version").path("schema").isArray()).isTrue();
        assertThat(parsed.path("dataset_version").has("description")).isFalse();
        assertThat(DatasetJson.readVersion(parsed.path("dataset_version"))).isEqualTo(VERSION);

        DatasetSummary summary = new DatasetSummary("weather", 3, 3, 1L, 2L);
        var page = new ObjectMapper()
                .readTree(DatasetJson.page(new Page<>(List.of(summary), Optional.of("tok")), "datasets")
                        .toString());
        assertThat(DatasetJson.readSummary(page.path("datasets").path(0))).isEqualTo(summary);
        assertThat(page.path("next_page_token").asText()).isEqualTo("tok");
    }
}
