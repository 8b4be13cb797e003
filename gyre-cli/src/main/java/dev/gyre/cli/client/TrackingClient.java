package dev.gyre.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small MLflow REST client (JDK HTTP client + Jackson), talking to a tracking server exactly as MLflow's own
 * clients do: JSON over {@code /api/2.0/mlflow/...}, artifacts over {@code /api/2.0/mlflow-artifacts/artifacts/...};
 * plus Gyre's own endpoints under {@code /api/2.0/gyre/...}.
 * Server errors become {@link GyreException} with the server's {@code error_code} and {@code message}; an
 * unreachable server becomes one clear "cannot reach tracking server at …" error.
 */
public final class TrackingClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Gyre's data endpoints read and profile whole datasets on the server: allow for large files. */
    private static final Duration DATA_REQUEST_TIMEOUT = Duration.ofMinutes(30);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    private TrackingClient(URI base, HttpClient http, ObjectMapper json) {
        this.base = base;
        this.http = http;
        this.json = json;
    }

    /** A client for {@code trackingUri}, which must be an {@code http://} or {@code https://} URL. */
    public static TrackingClient connect(String trackingUri) {
        URI uri;
        try {
            uri = URI.create(
                    trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("Invalid tracking URI '" + trackingUri + "': " + e.getMessage());
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw GyreException.invalid("Invalid tracking URI '" + trackingUri
                    + "': gyre talks to tracking servers over http:// or https:// only.");
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        return new TrackingClient(uri, http, new ObjectMapper());
    }

    /** The server's base URL, without a trailing slash. */
    public URI baseUri() {
        return base;
    }

    /** A new, empty JSON object to build a request body with. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** {@code GET /api/2.0/mlflow/<endpoint>?query}. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        query.forEach((key, value) -> multi.put(key, List.of(value)));
        return getMulti(endpoint, multi);
    }

    /** {@code GET} with repeatable query parameters, such as MLflow's {@code order_by}. */
    public JsonNode getMulti(String endpoint, Map<String, List<String>> query) {
        String queryString = query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + "/api/2.0/mlflow/" + endpoint + (queryString.isEmpty() ? "" : "?" + queryString));
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body. */
    public JsonNode post(String endpoint, JsonNode body) {
        URI uri = URI.create(base + "/api/2.0/mlflow/" + endpoint);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** {@code GET /api/2.0/gyre/<endpoint>?query}: Gyre's own API (datasets, data), beside MLflow's. */
    public JsonNode gyreGet(String endpoint, Map<String, String> query) {
        String queryString = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + "/api/2.0/gyre/" + endpoint + (queryString.isEmpty() ? "" : "?" + queryString));
        return send(HttpRequest.newBuilder(uri).timeout(DATA_REQUEST_TIMEOUT).GET());
    }

    /** {@code POST /api/2.0/gyre/<endpoint>} with a JSON body, answered with JSON. */
    public JsonNode gyrePost(String endpoint, JsonNode body) {
        return send(gyrePostRequest(endpoint, body));
    }

    /** {@code POST /api/2.0/gyre/<endpoint>} answered with text, such as a report's HTML page. */
    public String gyrePostText(String endpoint, JsonNode body) {
        HttpResponse<String> response = exchange(gyrePostRequest(endpoint, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder gyrePostRequest(String endpoint, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/2.0/gyre/" + endpoint))
                .timeout(DATA_REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    }

    /** Uploads bytes through the artifact proxy to {@code path} (relative to the artifacts destination). */
    public void putArtifact(String path, byte[] content) {
        URI uri = URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(path));
        send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** Downloads a file through the artifact proxy. */
    public byte[] getArtifact(String path) {
        URI uri = URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(path));
        HttpResponse<byte[]> response =
                exchange(HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** {@code GET} on a path outside the REST API, such as {@code /health}; returns status and body. */
    public HttpResponse<String> getRaw(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body());
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR,
                    "Tracking server at " + base + " answered with something that is not JSON: " + abbreviate(body));
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpRequest built = request.build();
            if (built.timeout().isEmpty()) {
                built = request.timeout(REQUEST_TIMEOUT).build();
            }
            return http.send(built, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new GyreException(
                    ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Tracking server at " + base + " did not answer in time (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "Interrupted while talking to " + base, e);
        }
    }

    private GyreException unreachable(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new GyreException(
                ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot reach tracking server at " + base + " (" + detail + ")", e);
    }

    /** The server's MLflow error body ({@code error_code}, {@code message}) as an exception. */
    private GyreException error(int status, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return new GyreException(
                        errorCode(node.path("error_code").asText(), status),
                        node.get("message").asText());
            }
        } catch (JsonProcessingException e) {
            // not MLflow's error body; described below
        }
        return new GyreException(
                errorCode("", status),
                "Tracking server at " + base + " answered HTTP " + status + ": " + abbreviate(body));
    }

    private static ErrorCode errorCode(String name, int status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return switch (status) {
            case 404 -> ErrorCode.RESOURCE_DOES_NOT_EXIST;
            case 400 -> ErrorCode.BAD_REQUEST;
            case 503 -> ErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise request body", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Percent-encodes each segment of a relative path, keeping the slashes. */
    private static String encodePath(String path) {
        return Arrays.stream(path.split("/", -1))
                .map(segment -> encode(segment).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
