package dev.gyre.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A minimal JSON client for the MLflow REST API under {@code <base>/api/2.0/mlflow/}, written against the
 * wire format only (no Gyre classes) so the benchmark measures exactly what an MLflow client would see.
 * Thread-safe: one instance is shared by all populating virtual threads.
 */
final class MlflowHttp {
    private final HttpClient client;
    private final String api;
    private final ObjectMapper json = new ObjectMapper();

    MlflowHttp(String baseUrl) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.api = baseUrl.replaceAll("/+$", "") + "/api/2.0/mlflow/";
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** POSTs a JSON body; any status but 200 is an error carrying the server's message. */
    JsonNode post(String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return send(request, path);
    }

    /** GETs with query parameters (URL-encoded here). */
    JsonNode get(String path, Map<String, String> query) {
        String qs = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path + (qs.isEmpty() ? "" : "?" + qs)))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        return send(request, path);
    }

    private JsonNode send(HttpRequest request, String path) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    path + " answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": unreadable JSON: " + abbreviate(response.body()), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
