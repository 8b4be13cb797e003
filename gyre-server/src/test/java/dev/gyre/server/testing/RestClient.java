package dev.gyre.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A bare JSON-over-HTTP client for the MLflow REST API, speaking only the wire format so that the tests check
 * what a real MLflow client would get. Thread-safe.
 */
public final class RestClient {
    /** A status code and the parsed JSON body (an empty object when the body is not JSON). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    public RestClient(String baseUrl) {
        this.base = baseUrl;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** POSTs JSON to {@code /api/2.0/mlflow/<path>}. */
    public Response post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** GETs {@code /api/2.0/mlflow/<path>?<query>}. */
    public Response get(String path, Map<String, String> query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + path + "?" + encode(query)))
                .GET());
    }

    /** POSTs and insists on HTTP 200, returning the body. */
    public JsonNode ok(String path, JsonNode body) throws IOException, InterruptedException {
        return require(path, post(path, body));
    }

    /** GETs and insists on HTTP 200, returning the body. */
    public JsonNode okGet(String path, Map<String, String> query) throws IOException, InterruptedException {
        return require(path, get(path, query));
    }

    /** Every logged value of one metric (MLflow metric objects), paging through {@code metrics/get-history}. */
    public List<JsonNode> metricHistory(String runId, String key) throws IOException, InterruptedException {
        List<JsonNode> metrics = new ArrayList<>();
        String token = "";
        do {
            Map<String, String> q = query("run_id", runId, "metric_key", key, "max_results", "1000");
            if (!token.isEmpty()) {
                q.put("page_token", token);
            }
            JsonNode page = okGet("metrics/get-history", q);
            page.path("metrics").forEach(metrics::add);
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty());
        return metrics;
    }

    /** A JSON array of {@code {key, value}} entries (params, tags, latest metrics) as an ordered map. */
    public static Map<String, String> keyValues(JsonNode array) {
        Map<String, String> map = new LinkedHashMap<>();
        for (JsonNode entry : array) {
            map.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return map;
    }

    /** PUTs raw bytes to the artifact proxy, {@code /api/2.0/mlflow-artifacts/artifacts/<path>}. */
    public int putArtifact(String path, byte[] content) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GETs an artifact's bytes through the proxy. */
    public HttpResponse<byte[]> getArtifact(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GETs a path outside the API (e.g. {@code /ready}) and returns only the status. */
    public int status(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static Map<String, String> query(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException notJson) {
            body = json.createObjectNode().put("raw", response.body());
        }
        return new Response(response.statusCode(), body);
    }

    private static JsonNode require(String path, Response response) {
        if (!response.ok()) {
            throw new AssertionError(path + " answered HTTP " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
