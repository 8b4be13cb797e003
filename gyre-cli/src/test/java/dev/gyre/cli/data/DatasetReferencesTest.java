package dev.gyre.cli.data;

import static dev.gyre.cli.data.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.CliContext;
import dev.gyre.data.drift.ProfileComparisonJson;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.sql.SqlMetadataStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasets:/NAME[/VERSION]} arguments of compare, infer-schema and validate: registered versions are used
 * through their stored profiles, so the data files may be gone.
 */
class DatasetReferencesTest {

    @TempDir
    Path dir;

    private CliContext context;
    private String store;

    @BeforeEach
    void registerTwoLocations() throws Exception {
        context = TestContexts.local(dir.resolve("home"));
        store = "h2:" + dir.resolve("db").resolve("gyre");
        Path seattle = weatherAt(dir, "Seattle");
        Path newYork = weatherAt(dir, "New York");
        CommandRun first = CommandRun.run(
                new RegisterCommand(context), "weather", seattle.toString(), "--backend-store-uri", store);
        assertThat(first.exitCode()).as(first::err).isZero();
        CommandRun second = CommandRun.run(
                new RegisterCommand(context), "weather", newYork.toString(), "--backend-store-uri", store);
        assertThat(second.exitCode()).as(second::err).isZero();
        Files.delete(seattle);
        Files.delete(newYork);
    }

    @Test
    void compareTwoRegisteredVersionsFromTheirStoredProfiles() throws Exception {
        CommandRun result = CommandRun.run(
                new CompareCommand(context),
                "datasets:/weather/1",
                "datasets:/weather",
                "--json",
                "--backend-store-uri",
                store);

        assertThat(result.exitCode()).as(result::err).isEqualTo(1); // the location shift drifts
        DatasetProfile seattle;
        DatasetProfile newYork;
        try (MetadataStores stores = SqlMetadataStores.open(store, dir.toUri().toString())) {
            seattle = new ProfileJson().read(stores.datasets().getProfile("weather", 1), "v1");
            newYork = new ProfileJson().read(stores.datasets().getProfile("weather", 2), "v2");
        }
        String expected = new ProfileComparisonJson()
                .write(
                        ProfileDrift.withDefaults().compare(seattle, newYork),
                        "datasets:/weather/1",
                        "datasets:/weather");
        assertThat(result.out()).isEqualTo(expected);
    }

    @Test
    void inferASchemaFromOneVersionAndValidateTheOtherByProfile() throws Exception {
        Path schema = dir.resolve("weather.schema.yaml");
        CommandRun inferred = CommandRun.run(
                new InferSchemaCommand(context),
                "datasets:/weather/1",
                "--output",
                schema.toString(),
                "--backend-store-uri",
                store);
        assertThat(inferred.exitCode()).as(inferred::err).isZero();

        CommandRun result = CommandRun.run(
                new ValidateCommand(context),
                "datasets:/weather/2",
                "--schema",
                schema.toString(),
                "--json",
                "--backend-store-uri",
                store);

        assertThat(result.exitCode()).as(result::err).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("dataset").asText()).isEqualTo("datasets:/weather/2");
        assertThat(report.path("rows_checked").asBoolean()).isFalse();
        assertThat(report.path("row_count").asLong()).isEqualTo(1461);
        assertThat(report.path("anomalies").findValuesAsText("kind")).contains("unexpected_values");
    }

    @Test
    void badAndUnknownReferencesAreOneLineErrors() {
        CommandRun empty = compare("datasets:/", "datasets:/weather");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).startsWith("gyre: bad dataset reference 'datasets:/': expected datasets:/NAME");

        CommandRun unknownName = compare("datasets:/nope", "datasets:/weather");
        assertThat(unknownName.exitCode()).isEqualTo(1);
        assertThat(unknownName.err()).startsWith("gyre: ").contains("nope").doesNotContain("\n\tat ");

        CommandRun unknownVersion = compare("datasets:/weather/7", "datasets:/weather");
        assertThat(unknownVersion.exitCode()).isEqualTo(1);
        assertThat(unknownVersion.err()).contains("version=7");
    }

    private CommandRun compare(String reference, String current) {
        return CommandRun.run(new CompareCommand(context), reference, current, "--backend-store-uri", store);
    }
}
