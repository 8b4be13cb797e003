package dev.gyre.cli.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.data.register.DatasetRegistrar;
import dev.gyre.store.MetadataStores;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the dataset commands register and list: the local store opened in this process, or a Gyre server through
 * its {@code /api/2.0/gyre/datasets/…} endpoints (which read the dataset path on the server). Both speak the same
 * JSON, so {@code --json} prints the same thing either way.
 */
sealed interface DatasetsBackend extends AutoCloseable {

    /** Registers {@code path} as a version of {@code name}; with a run id, also logs the version to that run. */
    DatasetRegistration register(String name, Path path, String description, String runId, String context);

    Page<DatasetSummary> listDatasets(int maxResults, String pageToken);

    Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken);

    /** What is being asked, for messages: the store URI (redacted) or the server URL. */
    String source();

    @Override
    void close();

    /** The local store, opened by this process; closing closes the store. */
    record Embedded(MetadataStores stores, String source) implements DatasetsBackend {
        @Override
        public DatasetRegistration register(String name, Path path, String description, String runId, String context) {
            if (runId != null) {
                // Fail on an unknown run before reading the file, not after registering it.
                stores.tracking().getRun(runId);
            }
            DatasetRegistration registration =
                    new DatasetRegistrar(stores.datasets()).register(name, path, description);
            if (runId != null) {
                DatasetRegistrar.linkToRun(stores.tracking(), runId, registration.version(), context);
            }
            return registration;
        }

        @Override
        public Page<DatasetSummary> listDatasets(int maxResults, String pageToken) {
            return stores.datasets().listDatasets(maxResults, pageToken);
        }

        @Override
        public Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken) {
            return stores.datasets().listVersions(name, maxResults, pageToken);
        }

        @Override
        public void close() {
            stores.close();
        }
    }

    /** A Gyre server's dataset endpoints; server errors become {@link GyreException}s with its code and message. */
    final class Remote implements DatasetsBackend {
        private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
        /** Registration profiles the data on the server: allow for large files. */
        private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);

        private final URI base;
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        private final ObjectMapper json = new ObjectMapper();

        Remote(URI base) {
            this.base = base;
        }

        @Override
        public DatasetRegistration register(String name, Path path, String description, String runId, String context) {
            ObjectNode body = json.createObjectNode().put("name", name).put("path", path.toString());
            putIfPresent(body, "description", description);
            putIfPresent(body, "run_id", runId);
            putIfPresent(body, "context", context);
            JsonNode reply = send(HttpRequest.newBuilder(uri("datasets/register", Map.of()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            return new DatasetRegistration(
                    DatasetsBackend.version(reply.path("dataset_version")),
                    reply.path("created").asBoolean());
        }

        @Override
        public Page<DatasetSummary> listDatasets(int maxResults, String pageToken) {
            JsonNode reply = get("datasets/list", paging(Map.of(), maxResults, pageToken));
            return page(reply, "datasets", DatasetsBackend::summary);
        }

        @Override
        public Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken) {
            JsonNode reply = get("datasets/versions/search", paging(Map.of("name", name), maxResults, pageToken));
            return page(reply, "dataset_versions", DatasetsBackend::version);
        }

        @Override
        public String source() {
            return base.toString();
        }

        @Override
        public void close() {
            http.close();
        }

        private static Map<String, String> paging(Map<String, String> query, int maxResults, String pageToken) {
            Map<String, String> out = new LinkedHashMap<>(query);
            out.put("max_results", Integer.toString(maxResults));
            if (pageToken != null) {
                out.put("page_token", pageToken);
            }
            return out;
        }

        private static <T> Page<T> page(JsonNode reply, String field, Function<JsonNode, T> item) {
            List<T> items = new ArrayList<>();
            reply.path(field).forEach(node -> items.add(item.apply(node)));
            String token = reply.path("next_page_token").asText("");
            return new Page<>(items, token.isEmpty() ? Optional.empty() : Optional.of(token));
        }

        private JsonNode get(String endpoint, Map<String, String> query) {
            return send(HttpRequest.newBuilder(uri(endpoint, query)).GET());
        }

        private URI uri(String endpoint, Map<String, String> query) {
            String queryString = query.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return URI.create(base + "/api/2.0/gyre/" + endpoint + (queryString.isEmpty() ? "" : "?" + queryString));
        }

        private JsonNode send(HttpRequest.Builder request) {
            HttpResponse<String> response;
            try {
                response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new GyreException(
                        ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot reach tracking server at " + base, e);
            } catch (IOException e) {
                throw new GyreException(
                        ErrorCode.TEMPORARILY_UNAVAILABLE,
                        "cannot reach tracking server at " + base + ": " + e.getMessage(),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GyreException(ErrorCode.INTERNAL_ERROR, "interrupted while asking " + base, e);
            }
            JsonNode body = parse(response.body());
            if (response.statusCode() >= 400) {
                if (body != null && body.hasNonNull("message")) {
                    throw new GyreException(
                            errorCode(body.path("error_code").asText()),
                            body.get("message").asText());
                }
                throw new GyreException(
                        response.statusCode() == 404 ? ErrorCode.ENDPOINT_NOT_FOUND : ErrorCode.INTERNAL_ERROR,
                        "Tracking server at " + base + " answered HTTP " + response.statusCode()
                                + " (does it serve Gyre's dataset API?)");
            }
            if (body == null) {
                throw new GyreException(
                        ErrorCode.INTERNAL_ERROR,
                        "Tracking server at " + base + " answered with something that is not JSON");
            }
            return body;
        }

        private JsonNode parse(String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return json.readTree(body);
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        private static ErrorCode errorCode(String name) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(name)) {
                    return code;
                }
            }
            return ErrorCode.INTERNAL_ERROR;
        }

        private static void putIfPresent(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    // ---- the JSON both backends print, as the server's dataset endpoints write it ----------------------------

    static ObjectNode json(ObjectMapper mapper, DatasetVersion v) {
        ObjectNode node = mapper.createObjectNode()
                .put("name", v.name())
                .put("version", v.version())
                .put("digest", v.digest())
                .put("source", v.source())
                .put("format", v.format())
                .put("row_count", v.rowCount());
        try {
            node.set("schema", mapper.readTree(v.schema()));
        } catch (JsonProcessingException e) {
            node.put("schema", v.schema());
        }
        if (v.description() != null) {
            node.put("description", v.description());
        }
        return node.put("creation_timestamp", v.creationTime());
    }

    static ObjectNode json(ObjectMapper mapper, DatasetSummary s) {
        return mapper.createObjectNode()
                .put("name", s.name())
                .put("latest_version", s.latestVersion())
                .put("version_count", s.versionCount())
                .put("creation_timestamp", s.creationTime())
                .put("last_updated_timestamp", s.lastUpdatedTime());
    }

    static ObjectNode json(ObjectMapper mapper, Page<?> page, String field) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode items = root.putArray(field);
        for (Object item : page.items()) {
            items.add(
                    switch (item) {
                        case DatasetVersion v -> json(mapper, v);
                        case DatasetSummary s -> json(mapper, s);
                        default -> throw new IllegalArgumentException("not a dataset item: " + item);
                    });
        }
        page.nextPageToken().ifPresent(t -> root.put("next_page_token", t));
        return root;
    }

    private static DatasetVersion version(JsonNode n) {
        return new DatasetVersion(
                n.path("name").asText(),
                n.path("version").asLong(),
                n.path("digest").asText(),
                n.path("source").asText(),
                n.path("format").asText(),
                n.path("row_count").asLong(),
                n.path("schema").toString(),
                n.hasNonNull("description") ? n.get("description").asText() : null,
                n.path("creation_timestamp").asLong());
    }

    private static DatasetSummary summary(JsonNode n) {
        return new DatasetSummary(
                n.path("name").asText(),
                n.path("latest_version").asLong(),
                n.path("version_count").asLong(),
                n.path("creation_timestamp").asLong(),
                n.path("last_updated_timestamp").asLong());
    }
}
