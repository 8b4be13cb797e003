package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.OneLineErrors;
import dev.gyre.cli.StopSignal;
import dev.gyre.data.drift.ProfileComparisonJson;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code datasets:/NAME[/VERSION]} arguments of compare, infer-schema and validate: registered versions are used
 * through their stored profiles, so the data files may be gone.
 */
class DatasetReferencesTest {

    private static final Path WEATHER =
            Path.of(System.getProperty("gyre.shared.data"), "weather.csv").toAbsolutePath();
    private static final StopSignal NEVER_STOPS = new StopSignal() {
        @Override
        public void awaitStop() {}

        @Override
        public void stopped() {}
    };

    @TempDir
    Path dir;

    private CliContext context;
    private String store;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void registerTwoLocations() throws Exception {
        context = new CliContext(Map.of(), dir.resolve("home"), "tester", NEVER_STOPS);
        store = "h2:" + dir.resolve("db").resolve("gyre");
        List<String> lines = Files.readAllLines(WEATHER);
        Path seattle = dir.resolve("seattle.csv");
        Path newYork = dir.resolve("new-york.csv");
        Files.write(
                seattle, lines.stream().filter(l -> !l.startsWith("New York")).toList());
        Files.write(
                newYork, lines.stream().filter(l -> !l.startsWith("Seattle")).toList());
        assertThat(run(new RegisterCommand(context), "weather", seattle.toString(), "--backend-store-uri", store))
                .as(this::errors)
                .isZero();
        assertThat(run(new RegisterCommand(context), "weather", newYork.toString(), "--backend-store-uri", store))
                .as(this::errors)
                .isZero();
        Files.delete(seattle);
        Files.delete(newYork);
    }

    @Test
    void compareTwoRegisteredVersionsFromTheirStoredProfiles() throws Exception {
        int exit = run(
                new CompareCommand(context),
                "datasets:/weather/1",
                "datasets:/weather",
                "--json",
                "--backend-store-uri",
                store);

        assertThat(exit).as(this::errors).isEqualTo(1); // the location shift drifts
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
        assertThat(out.toString()).isEqualTo(expected);
    }

    @Test
    void inferASchemaFromOneVersionAndValidateTheOtherByProfile() throws Exception {
        Path schema = dir.resolve("weather.schema.yaml");
        assertThat(run(
                        new InferSchemaCommand(context),
                        "datasets:/weather/1",
                        "--output",
                        schema.toString(),
                        "--backend-store-uri",
                        store))
                .as(this::errors)
                .isZero();

        int exit = run(
                new ValidateCommand(context),
                "datasets:/weather/2",
                "--schema",
                schema.toString(),
                "--json",
                "--backend-store-uri",
                store);

        assertThat(exit).as(this::errors).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("dataset").asText()).isEqualTo("datasets:/weather/2");
        assertThat(report.path("rows_checked").asBoolean()).isFalse();
        assertThat(report.path("row_count").asLong()).isEqualTo(1461);
        assertThat(report.path("anomalies").findValuesAsText("kind")).contains("unexpected_values");
    }

    @Test
    void badAndUnknownReferencesAreOneLineErrors() {
        assertThat(run(new CompareCommand(context), "datasets:/", "datasets:/weather", "--backend-store-uri", store))
                .isEqualTo(1);
        assertThat(errors()).startsWith("gyre: bad dataset reference 'datasets:/': expected datasets:/NAME");

        assertThat(run(
                        new CompareCommand(context),
                        "datasets:/nope",
                        "datasets:/weather",
                        "--backend-store-uri",
                        store))
                .isEqualTo(1);
        assertThat(errors()).startsWith("gyre: ").contains("nope").doesNotContain("\n\tat ");

        assertThat(run(
                        new CompareCommand(context),
                        "datasets:/weather/7",
                        "datasets:/weather",
                        "--backend-store-uri",
                        store))
                .isEqualTo(1);
        assertThat(errors()).contains("version=7");
    }

    private int run(Callable<Integer> command, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setExecutionExceptionHandler(new OneLineErrors());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    private String errors() {
        return err.toString();
    }
}
