package dev.gyre.server.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.data.drift.ProfileComparisonJson;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.quality.QualityChecks;
import dev.gyre.data.quality.QualityConfig;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.schema.InferenceOptions;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import dev.gyre.data.schema.SchemaInference;
import dev.gyre.data.validate.DatasetValidator;
import dev.gyre.data.validate.ValidationJson;
import dev.gyre.data.validate.ValidationOptions;
import dev.gyre.data.validate.ValidationReport;
import dev.gyre.server.HttpJson;
import dev.gyre.server.TestServer;
import dev.gyre.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code {"dataset": …, "version"?: …}} inputs over real HTTP: a registered version's stored profile stands for
 * its data, so comparing two registered datasets reads no file (the files are deleted first).
 */
class RegisteredDatasetInputTest {

    private static final Path DATA = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"));
    private static final Path WEATHER = DATA.resolve("weather.csv");
    private static final Path SPAM = DATA.resolve("kernlab_spam.csv");
    private static final String API = "/api/2.0/gyre/";

    @TempDir
    Path dir;

    private TestServer server;
    private HttpJson http;
    private Path seattle;
    private Path newYork;

    @BeforeEach
    void registerTwoSlicesOfTheWeather() throws IOException {
        server = TestServer.start(TestDatabases.h2Memory());
        http = server.http();
        seattle = dir.resolve("seattle.csv");
        newYork = dir.resolve("new-york.csv");
        var lines = Files.readAllLines(WEATHER);
        var sea = new StringBuilder(lines.getFirst()).append('\n');
        var ny = new StringBuilder(lines.getFirst()).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            (line.startsWith("Seattle") ? sea : ny).append(line).append('\n');
        }
        Files.writeString(seattle, sea);
        Files.writeString(newYork, ny);
        register("weather-seattle", seattle);
        register("weather-new-york", newYork);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void comparingTwoRegisteredDatasetsUsesTheirStoredProfilesAndReadsNoFile() throws IOException {
        DatasetProfile reference = stored("weather-seattle");
        DatasetProfile current = stored("weather-new-york");
        Files.delete(seattle);
        Files.delete(newYork);
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.putObject("reference").put("dataset", "weather-seattle").put("version", 1);
        request.putObject("current").put("dataset", "weather-new-york");

        HttpJson.Answer answer = http.post(API + "data/compare", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        String expected = new ProfileComparisonJson()
                .write(
                        ProfileDrift.withDefaults().compare(reference, current),
                        "dataset weather-seattle version 1",
                        "dataset weather-new-york version 1");
        assertThat(answer.json()).isEqualTo(HttpJson.mapper().readTree(expected));
        assertThat(answer.json().path("dataset_drift").asBoolean()).isTrue();
    }

    @Test
    void aDatasetMixesWithAPathAndAnInlineProfile() throws IOException {
        DatasetProfile seattleProfile = DatasetProfiler.profile(DatasetSource.of(seattle));
        ObjectNode withPath = HttpJson.mapper().createObjectNode();
        withPath.putObject("reference").put("dataset", "weather-seattle");
        withPath.putObject("current").put("path", seattle.toString());
        ObjectNode withInline = HttpJson.mapper().createObjectNode();
        withInline.putObject("reference").put("dataset", "weather-seattle");
        withInline
                .putObject("current")
                .set("profile", HttpJson.mapper().readTree(new ProfileJson().write(seattleProfile)));

        for (ObjectNode request : new ObjectNode[] {withPath, withInline}) {
            HttpJson.Answer answer = http.post(API + "data/compare", request.toString());
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("dataset_drift").asBoolean()).isFalse();
            assertThat(answer.json().path("drifted_features").asInt()).isZero();
        }
    }

    @Test
    void inferSchemaAndProfileOfADatasetUseTheStoredProfile() throws IOException {
        DatasetProfile stored = stored("weather-seattle");
        Files.delete(seattle);

        HttpJson.Answer schema =
                http.post(API + "data/infer-schema", dataset("weather-seattle").toString());
        HttpJson.Answer profile =
                http.post(API + "data/profile", dataset("weather-seattle").toString());

        assertThat(schema.status()).as(schema.text()).isEqualTo(200);
        Schema expected = SchemaInference.infer(stored, InferenceOptions.defaults());
        assertThat(SchemaFiles.fromJson(schema.text(), "answer")).isEqualTo(expected);
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        assertThat(profile.json()).isEqualTo(HttpJson.mapper().readTree(new ProfileJson().write(stored)));
    }

    @Test
    void validatingADatasetChecksItsStoredProfileAndSkipsRowLevelExpectations() throws IOException {
        DatasetProfile newYorkProfile = stored("weather-new-york");
        Files.delete(newYork);
        ObjectNode schemaJson = (ObjectNode) HttpJson.mapper()
                .readTree(SchemaFiles.toJson(SchemaInference.infer(newYorkProfile, new InferenceOptions(20, true))));
        for (JsonNode column : schemaJson.path("columns")) {
            if (column.path("name").asText().equals("wind")) {
                ((ObjectNode) column)
                        .putArray("expectations")
                        .addObject()
                        .putObject("between")
                        .put("min", 0)
                        .put("max", 8)
                        .put("mostly", 0.99);
            }
        }
        Schema schema = SchemaFiles.fromJson(schemaJson.toString(), "test schema");
        ObjectNode request = dataset("weather-new-york");
        request.set("schema", schemaJson);
        request.putObject("reference").put("dataset", "weather-seattle");

        HttpJson.Answer answer = http.post(API + "data/validate", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        ValidationReport direct = DatasetValidator.validate(
                newYorkProfile, schema, ValidationOptions.defaults().withReference(stored("weather-seattle")));
        assertThat(answer.json())
                .isEqualTo(HttpJson.mapper()
                        .readTree(new ValidationJson().write(direct, "dataset weather-new-york version 1")));
        JsonNode body = answer.json();
        assertThat(body.path("rows_checked").asBoolean()).isFalse();
        assertThat(body.path("skipped").get(0).path("column").asText()).isEqualTo("wind");
        assertThat(body.path("anomalies").size()).as("drift from Seattle").isPositive();
    }

    @Test
    void checkLabelsOnADatasetReadsItsSourceOnlyWhileItHoldsTheRegisteredBytes() throws IOException {
        Path spam = Files.copy(SPAM, dir.resolve("spam.csv"));
        register("spam", spam);
        ObjectNode request = dataset("spam").put("version", 1).put("label", "type");

        HttpJson.Answer answer = http.post(API + "data/check-labels", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        var direct = new QualityChecks().run(SPAM, QualityConfig.forLabel("type"));
        assertThat(answer.json().path("rows").asLong()).isEqualTo(direct.rows());
        assertThat(answer.json().path("findings").size())
                .isEqualTo(direct.findings().size());

        Files.writeString(spam, Files.readString(SPAM).replaceFirst("\n", "\n\n"));
        HttpJson.Answer changed = http.post(API + "data/check-labels", request.toString());
        assertThat(changed.status()).as(changed.text()).isEqualTo(400);
        assertThat(changed.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(changed.json().path("message").asText())
                .contains("changed since it was registered as dataset spam version 1");

        Files.delete(spam);
        HttpJson.Answer gone = http.post(API + "data/check-labels", request.toString());
        assertThat(gone.status()).as(gone.text()).isEqualTo(400);
        assertThat(gone.json().path("message").asText()).contains("no such file or folder");
    }

    @Test
    void unknownDatasetsAre404AndAmbiguousInputs400() {
        ObjectNode unknownName = HttpJson.mapper().createObjectNode();
        unknownName.putObject("reference").put("dataset", "nope");
        unknownName.putObject("current").put("dataset", "weather-seattle");
        ObjectNode unknownVersion = HttpJson.mapper().createObjectNode();
        unknownVersion.putObject("reference").put("dataset", "weather-seattle").put("version", 7);
        unknownVersion.putObject("current").put("dataset", "weather-seattle");

        for (ObjectNode request : new ObjectNode[] {unknownName, unknownVersion}) {
            HttpJson.Answer answer = http.post(API + "data/compare", request.toString());
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        ObjectNode both = dataset("weather-seattle").put("path", seattle.toString());
        assertBadRequest(http.post(API + "data/profile", both.toString()), "exactly one of 'path'");
        ObjectNode versionAlone = HttpJson.mapper().createObjectNode().put("path", seattle.toString());
        versionAlone.put("version", 1);
        assertBadRequest(
                http.post(API + "data/profile", versionAlone.toString()), "'version' applies to 'dataset' only");
        assertBadRequest(
                http.post(
                        API + "data/check-labels",
                        dataset("x").put("format", "csv").toString()),
                "'format' applies to 'path' only");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    /** The profile the registry stored for the latest version of {@code name}. */
    private DatasetProfile stored(String name) {
        var datasets = server.stores().datasets();
        long version = datasets.getLatestVersion(name).version();
        return new ProfileJson().read(datasets.getProfile(name, version), name);
    }

    private void register(String name, Path path) {
        String body = HttpJson.mapper()
                .createObjectNode()
                .put("name", name)
                .put("path", path.toString())
                .toString();
        HttpJson.Answer answer = http.post(API + "datasets/register", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static ObjectNode dataset(String name) {
        return HttpJson.mapper().createObjectNode().put("dataset", name);
    }

    private static void assertBadRequest(HttpJson.Answer answer, String messagePart) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().path("message").asText()).contains(messagePart);
    }
}
