package dev.gyre.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.HttpJson;
import dev.gyre.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gyre's alias endpoints ({@code registered-models/promote}, {@code registered-models/alias-history}) over real HTTP
 * on loopback and a real database the concrete class provides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AliasApiContract {
    private static final String GYRE = "/api/2.0/gyre/";
    private static final String MLFLOW = "/api/2.0/mlflow/";
    private static final String HINT = " See the API docs for more information about request parameters.";

    private TestServer server;
    private HttpJson http;

    /** A backend-store URI naming a fresh, empty database. */
    protected abstract String freshBackendUri();

    protected void releaseBackend() {}

    @BeforeAll
    void start() {
        server = TestServer.start(freshBackendUri());
        http = server.http();
    }

    @AfterAll
    void stop() {
        try {
            server.close();
        } finally {
            releaseBackend();
        }
    }

    /** A model with {@code versions} versions, created through the store the server uses. */
    private String model(int versions) {
        String name = "model-" + UUID.randomUUID().toString().substring(0, 8);
        server.stores().registry().createRegisteredModel(name, List.of(), null);
        for (int i = 0; i < versions; i++) {
            server.stores()
                    .registry()
                    .createModelVersion(name, "s3://bucket/m" + i, null, List.of(new Tag("k", "v")), null, null);
        }
        return name;
    }

    private HttpJson.Answer promote(ObjectNode body) {
        return http.post(GYRE + "registered-models/promote", body.toString());
    }

    private static ObjectNode body(String... keyValues) {
        ObjectNode body = HttpJson.mapper().createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put(keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    private HttpJson.Answer history(String... keyValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            pairs.add(keyValues[i] + "=" + URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return http.get(GYRE + "registered-models/alias-history?" + String.join("&", pairs));
    }

    private static void assertError(HttpJson.Answer answer, int status, String code, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isEqualTo(message);
    }

    private static void assertInvalid(HttpJson.Answer answer, String message) {
        assertError(answer, 400, "INVALID_PARAMETER_VALUE", message);
    }

    @Test
    void promotesAndListsTheHistoryNewestFirst() {
        String name = model(3);
        long before = System.currentTimeMillis();

        HttpJson.Answer first = promote(body("name", name, "version", "1", "reason", "first", "actor", "alice"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        JsonNode change = first.json().get("alias_change");
        assertThat(change.get("name").asText()).isEqualTo(name);
        assertThat(change.get("alias").asText()).isEqualTo("champion");
        assertThat(change.get("version").asText()).isEqualTo("1");
        assertThat(change.has("previous_version")).isFalse();
        assertThat(change.get("actor").asText()).isEqualTo("alice");
        assertThat(change.get("reason").asText()).isEqualTo("first");
        assertThat(change.get("timestamp").asLong()).isGreaterThanOrEqualTo(before);

        ObjectNode numeric = body("name", name, "alias", "champion", "reason", "better AUC");
        numeric.put("version", 3);
        JsonNode second = promote(numeric).json().get("alias_change");
        assertThat(second.get("previous_version").asText()).isEqualTo("1");
        assertThat(second.get("version").asText()).isEqualTo("3");
        assertThat(second.has("actor")).isFalse();

        // MLflow's own alias API is recorded too.
        assertThat(http.post(
                                MLFLOW + "registered-models/alias",
                                body("name", name, "alias", "challenger", "version", "2")
                                        .toString())
                        .status())
                .isEqualTo(200);
        assertThat(http.delete(
                                MLFLOW + "registered-models/alias",
                                body("name", name, "alias", "challenger").toString())
                        .status())
                .isEqualTo(200);

        JsonNode all = history("name", name).json();
        assertThat(all.get("alias_changes"))
                .extracting(
                        n -> n.path("alias").asText() + ":" + n.path("version").asText("-") + "<-"
                                + n.path("previous_version").asText("-"))
                .containsExactly("challenger:-<-2", "challenger:2<--", "champion:3<-1", "champion:1<--");
        assertThat(all.has("next_page_token")).isFalse();
        assertThat(history("name", name, "alias", "champion").json().get("alias_changes"))
                .extracting(n -> n.path("reason").asText())
                .containsExactly("better AUC", "first");

        JsonNode page1 = history("name", name, "max_results", "3").json();
        assertThat(page1.get("alias_changes")).hasSize(3);
        JsonNode page2 = history(
                        "name",
                        name,
                        "max_results",
                        "3",
                        "page_token",
                        page1.get("next_page_token").asText())
                .json();
        assertThat(page2.get("alias_changes"))
                .extracting(n -> n.path("reason").asText())
                .containsExactly("first");
        assertThat(page2.has("next_page_token")).isFalse();

        String fresh = model(1);
        assertThat(history("name", fresh).json().get("alias_changes")).isEmpty();
        assertThat(server.stores()
                        .registry()
                        .getModelVersionByAlias(name, "champion")
                        .version())
                .isEqualTo(3);
    }

    @Test
    void refusesBadPromotionsWithPreciseMessages() {
        String name = model(1);
        assertInvalid(
                promote(body("name", name, "version", "1")), "Missing value for required parameter 'reason'." + HINT);
        assertInvalid(
                promote(body("name", name, "version", "1", "reason", "   ")),
                "Parameter 'reason' must not be blank: say why the alias moves.");
        assertInvalid(
                promote(body("name", name, "version", "1", "reason", "r", "actor", " ")),
                "Parameter 'actor' must not be blank when given.");
        assertInvalid(
                promote(body("version", "1", "reason", "r")), "Missing value for required parameter 'name'." + HINT);
        assertInvalid(
                promote(body("name", name, "reason", "r")), "Missing value for required parameter 'version'." + HINT);
        assertInvalid(
                promote(body("name", name, "version", "one", "reason", "r")),
                "Model version must be an integer, got 'one'");
        assertInvalid(
                promote(body("name", name, "version", "1", "reason", "r", "force", "true")),
                "Invalid request: unknown parameter 'force'. Supported parameters are: actor, alias, name, reason,"
                        + " version.");
        assertInvalid(
                promote(body("name", name, "version", "1", "reason", "r", "alias", "latest")),
                "'latest' alias name (case insensitive) is reserved.");
        assertInvalid(
                promote(body("name", name, "version", "1", "reason", "r", "alias", "")),
                "Registered model alias name cannot be empty.");
        ObjectNode wrongType = body("name", name, "version", "1");
        wrongType.put("reason", 7);
        assertInvalid(
                promote(wrongType),
                "Invalid value 7 for parameter 'reason' supplied: expected a string, got a number." + HINT);

        assertError(
                promote(body("name", name, "version", "9", "reason", "r")),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Model Version (name=" + name + ", version=9) not found");
        assertError(
                promote(body("name", "missing-model", "version", "1", "reason", "r")),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Registered Model with name=missing-model not found");
        // Nothing half-written: every refusal left the history empty.
        assertThat(history("name", name).json().get("alias_changes")).isEmpty();
    }

    @Test
    void refusesBadHistoryQueriesWithPreciseMessages() {
        String name = model(1);
        assertInvalid(history(), "Missing value for required parameter 'name'." + HINT);
        assertInvalid(
                history("name", name, "max_results", "1001"),
                "Invalid value for request parameter max_results. It must be at most 1000, but got value 1001");
        assertInvalid(
                history("name", name, "max_results", "x"),
                "Invalid value \"x\" for parameter 'max_results' supplied: expected a 64-bit integer, got a string."
                        + HINT);
        assertInvalid(
                history("name", name, "page_token", "not base64!"), "Invalid page token, could not base64-decode");
        assertInvalid(
                history("name", name, "alias", "bad alias"),
                "Invalid alias name: 'bad alias'. Names may only contain alphanumerics, underscores (_), and dashes"
                        + " (-).");
        // Like every GET endpoint, unknown query parameters are ignored (proxies and browsers add some).
        assertThat(history("name", name, "utm_source", "x").status()).isEqualTo(200);
        assertError(
                history("name", "missing-model"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Registered Model with name=missing-model not found");
        assertThat(http.get(GYRE + "registered-models/promote").status()).isEqualTo(405);
    }
}
