package dev.gyre.server.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.gyre.data.validate.ValidationOptions;
import dev.gyre.data.validate.ValidationReport;
import dev.gyre.server.HttpJson;
import dev.gyre.server.TestServer;
import dev.gyre.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data endpoints over real HTTP on loopback, on real data: each answer equals what the library computes
 * directly for the same input, and bad input gets a 400 naming what is wrong while the server keeps serving.
 */
class DataHandlersTest {

    private static final Path DATA = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"));
    private static final Path WEATHER = DATA.resolve("weather.csv");
    private static final Path SPAM = DATA.resolve("kernlab_spam.csv");
    private static final String API = "/api/2.0/gyre/";

    private static TestServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabases.h2Memory());
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void profileOfAFileOnTheServerIsTheLibrarysProfile() {
        HttpJson.Answer answer =
                http.post(API + "data/profile", body("path", WEATHER.toString()).toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        DatasetProfile overHttp = new ProfileJson().read(answer.text(), "answer");
        DatasetProfile direct = DatasetProfiler.profile(DatasetSource.of(WEATHER));
        assertThat(overHttp.rowCount()).isEqualTo(2922);
        assertThat(overHttp.features()).hasSameSizeAs(direct.features());
        for (int i = 0; i < direct.features().size(); i++) {
            assertThat(overHttp.features().get(i).name())
                    .isEqualTo(direct.features().get(i).name());
            assertThat(overHttp.features().get(i).counts())
                    .isEqualTo(direct.features().get(i).counts());
        }
    }

    @Test
    void compareTwoInlineProfilesNeedsNoDataOnTheServer(@TempDir Path dir) throws IOException {
        Path seattle = dir.resolve("seattle.csv");
        Path newYork = dir.resolve("new-york.csv");
        splitWeatherByLocation(seattle, newYork);
        ProfileJson json = new ProfileJson();
        DatasetProfile reference = DatasetProfiler.profile(DatasetSource.of(seattle));
        DatasetProfile current = DatasetProfiler.profile(DatasetSource.of(newYork));
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.putObject("reference").set("profile", HttpJson.mapper().readTree(json.write(reference)));
        request.putObject("current").set("profile", HttpJson.mapper().readTree(json.write(current)));

        HttpJson.Answer answer = http.post(API + "data/compare", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode body = answer.json();
        boolean expected =
                ProfileDrift.withDefaults().compare(reference, current).drift().drifted();
        assertThat(body.path("dataset_drift").asBoolean()).isEqualTo(expected);
        assertThat(expected).isTrue(); // Seattle and New York weather differ: the location shift of the data set
    }

    @Test
    void compareAFileWithAProfileMixesBothKinds() throws IOException {
        DatasetProfile weather = DatasetProfiler.profile(DatasetSource.of(WEATHER));
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.putObject("reference").put("path", WEATHER.toString());
        request.putObject("current").set("profile", HttpJson.mapper().readTree(new ProfileJson().write(weather)));

        HttpJson.Answer answer = http.post(API + "data/compare", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("dataset_drift").asBoolean()).isFalse();
        assertThat(answer.json().path("drifted_features").asInt()).isZero();
    }

    @Test
    void reportHtmlAnswersTheSelfContainedPage() {
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.putObject("reference").put("path", WEATHER.toString());
        request.putObject("current").put("path", WEATHER.toString());
        request.put("report", "html");

        HttpJson.Answer answer = http.post(API + "data/compare", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.text())
                .startsWith("<!DOCTYPE html>")
                .contains("temp_max")
                .doesNotContain("<script");
        ObjectNode bad = body("path", WEATHER.toString());
        bad.put("report", "pdf");
        assertBadRequest(http.post(API + "data/profile", bad.toString()), "'report' must be");
    }

    @Test
    void driftSettingsChangeTheVerdictAndBadOnesAre400() {
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.putObject("reference").put("path", WEATHER.toString());
        request.putObject("current").put("path", WEATHER.toString());
        request.put("drift_share", 0.0); // zero drifting features are "at least 0%": the dataset drifts
        request.putObject("thresholds").put("jensen_shannon", 0.3);
        request.putObject("methods").put("wind", "psi");

        HttpJson.Answer answer = http.post(API + "data/compare", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("dataset_drift").asBoolean()).isTrue();
        assertThat(answer.json().path("drift_share_threshold").asDouble()).isZero();
        for (JsonNode feature : answer.json().path("features")) {
            if (feature.path("feature").asText().equals("wind")) {
                assertThat(feature.path("method").asText()).isEqualTo("psi");
            }
            if (feature.path("method").asText().equals("jensen_shannon")) {
                assertThat(feature.path("threshold").asDouble()).isEqualTo(0.3);
            }
        }
        request.putObject("thresholds").put("kolmogorov_smirnov", 2);
        assertBadRequest(http.post(API + "data/compare", request.toString()), "p-value level in [0, 1]");
        request.putObject("thresholds").put("psi", "high");
        assertBadRequest(http.post(API + "data/compare", request.toString()), "thresholds.psi");
        request.remove("thresholds");
        request.putObject("methods").put("wind", "magic");
        assertBadRequest(http.post(API + "data/compare", request.toString()), "unknown drift method 'magic'");
    }

    @Test
    void checkLabelsAnswersTheLibrarysReport() {
        ObjectNode request = body("path", SPAM.toString());
        request.put("label", "type");

        HttpJson.Answer answer = http.post(API + "data/check-labels", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        var direct = new QualityChecks().run(SPAM, QualityConfig.forLabel("type"));
        assertThat(answer.json().path("rows").asLong()).isEqualTo(direct.rows()).isEqualTo(4601);
        assertThat(answer.json().path("findings").size())
                .isEqualTo(direct.findings().size());
    }

    @Test
    void inferASchemaThenValidateAnotherLocationAgainstIt(@TempDir Path dir) throws IOException {
        Path seattle = dir.resolve("seattle.csv");
        Path newYork = dir.resolve("new-york.csv");
        splitWeatherByLocation(seattle, newYork);

        HttpJson.Answer inferred = http.post(
                API + "data/infer-schema", body("path", seattle.toString()).toString());
        assertThat(inferred.status()).as(inferred.text()).isEqualTo(200);
        Schema expected =
                SchemaInference.infer(DatasetProfiler.profile(DatasetSource.of(seattle)), InferenceOptions.defaults());
        assertThat(SchemaFiles.fromJson(inferred.text(), "answer")).isEqualTo(expected);

        ObjectNode request = body("path", newYork.toString());
        request.set("schema", inferred.json());
        request.putObject("reference").put("path", seattle.toString());
        HttpJson.Answer validated = http.post(API + "data/validate", request.toString());

        assertThat(validated.status()).as(validated.text()).isEqualTo(200);
        ValidationReport direct = DatasetValidator.validate(
                DatasetSource.of(newYork),
                expected,
                ValidationOptions.defaults().withReference(DatasetProfiler.profile(DatasetSource.of(seattle))));
        assertThat(validated.json().path("passed").asBoolean())
                .isEqualTo(direct.passed())
                .isFalse();
        assertThat(validated.json().path("anomalies").size())
                .isEqualTo(direct.anomalies().size());
        assertThat(validated.json().path("anomalies").get(0).path("kind").asText())
                .isEqualTo("unexpected_values");

        ObjectNode yaml = body("path", seattle.toString());
        yaml.put("as", "yaml");
        HttpJson.Answer asYaml = http.post(API + "data/infer-schema", yaml.toString());
        assertThat(asYaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(SchemaFiles.fromYaml(asYaml.text(), "answer")).isEqualTo(expected);
    }

    @Test
    void validatingAnInlineProfileRunsTheProfileChecksOnly() throws IOException {
        DatasetProfile weather = DatasetProfiler.profile(DatasetSource.of(WEATHER));
        ObjectNode request = HttpJson.mapper().createObjectNode();
        request.set("profile", HttpJson.mapper().readTree(new ProfileJson().write(weather)));
        request.set(
                "schema",
                HttpJson.mapper()
                        .readTree(SchemaFiles.toJson(SchemaInference.infer(weather, InferenceOptions.defaults()))));

        HttpJson.Answer answer = http.post(API + "data/validate", request.toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("passed").asBoolean()).isTrue();
        assertThat(answer.json().path("anomalies").size()).isZero();
    }

    @Test
    void badInputIsA400ThatSaysWhatIsWrongAndTheServerKeepsServing(@TempDir Path dir) throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3,4,5\n");

        assertBadRequest(
                http.post(
                        API + "data/profile", body("path", "/no/such/file.csv").toString()),
                "no such file or folder: /no/such/file.csv");
        assertBadRequest(
                http.post(API + "data/profile", body("path", ragged.toString()).toString()), "ragged.csv");
        assertBadRequest(http.post(API + "data/profile", "{}"), "'path'");
        assertBadRequest(http.post(API + "data/profile", body("pth", "x").toString()), "unknown parameter 'pth'");
        assertBadRequest(
                http.post(API + "data/compare", "{\"reference\":{\"path\":\"a.csv\",\"profile\":{}},\"current\":{}}"),
                "exactly one of 'path'");
        assertBadRequest(
                http.post(
                        API + "data/compare",
                        "{\"reference\":{\"profile\":{\"format_version\":99}},\"current\":{\"path\":\"x.csv\"}}"),
                "format_version");
        ObjectNode noLabel = body("path", SPAM.toString());
        noLabel.put("label", "nope");
        assertBadRequest(http.post(API + "data/check-labels", noLabel.toString()), "'nope'");

        ObjectNode noSchema = body("path", WEATHER.toString());
        assertBadRequest(http.post(API + "data/validate", noSchema.toString()), "'schema'");
        ObjectNode badSchema = body("path", WEATHER.toString());
        badSchema.putObject("schema").put("format", "gyre.schema/v1").put("colums", 1);
        assertBadRequest(http.post(API + "data/validate", badSchema.toString()), "colums");
        ObjectNode badDomain = body("path", WEATHER.toString());
        badDomain.put("max_domain_size", -1);
        assertBadRequest(http.post(API + "data/infer-schema", badDomain.toString()), "'max_domain_size'");

        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.post(
                                API + "data/profile",
                                body("path", WEATHER.toString()).toString())
                        .status())
                .isEqualTo(200);
    }

    private static void assertBadRequest(HttpJson.Answer answer, String messagePart) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().path("message").asText()).contains(messagePart);
    }

    private static ObjectNode body(String field, String value) {
        ObjectNode node = HttpJson.mapper().createObjectNode();
        node.put(field, value);
        return node;
    }

    private static void splitWeatherByLocation(Path seattle, Path newYork) throws IOException {
        var lines = Files.readAllLines(WEATHER);
        String header = lines.getFirst();
        var sea = new StringBuilder(header).append('\n');
        var ny = new StringBuilder(header).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            (line.startsWith("Seattle") ? sea : ny).append(line).append('\n');
        }
        Files.writeString(seattle, sea);
        Files.writeString(newYork, ny);
    }
}
