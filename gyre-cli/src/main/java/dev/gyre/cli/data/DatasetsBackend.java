package dev.gyre.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.data.register.DatasetJson;
import dev.gyre.data.register.DatasetRegistrar;
import dev.gyre.store.MetadataStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the dataset commands register and list: the local store opened in this process, or a Gyre server through
 * its {@code /api/2.0/gyre/datasets/…} endpoints (which read the dataset path on the server). Both speak the same
 * JSON ({@link DatasetJson}), so {@code --json} prints the same thing either way.
 */
sealed interface DatasetsBackend extends AutoCloseable {

    /** Registers {@code path} as a version of {@code name}; with a run id, also logs the version to that run. */
    DatasetRegistration register(String name, Path path, String description, String runId, String context);

    Page<DatasetSummary> listDatasets(int maxResults, String pageToken);

    Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken);

    /** The stored profile JSON of version {@code version} of {@code name}, or of its latest version when null. */
    String profile(String name, Long version);

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
        public String profile(String name, Long version) {
            long number = version != null
                    ? version
                    : stores.datasets().getLatestVersion(name).version();
            return stores.datasets().getProfile(name, number);
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
        private final TrackingClient client;

        Remote(TrackingClient client) {
            this.client = client;
        }

        @Override
        public DatasetRegistration register(String name, Path path, String description, String runId, String context) {
            ObjectNode body = client.object().put("name", name).put("path", path.toString());
            putIfPresent(body, "description", description);
            putIfPresent(body, "run_id", runId);
            putIfPresent(body, "context", context);
            JsonNode reply = client.gyrePost("datasets/register", body);
            return new DatasetRegistration(
                    DatasetJson.readVersion(reply.path("dataset_version")),
                    reply.path("created").asBoolean());
        }

        @Override
        public String profile(String name, Long version) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("name", name);
            if (version != null) {
                query.put("version", version.toString());
            }
            return client.gyreGet("datasets/versions/profile", query)
                    .path("profile")
                    .toString();
        }

        @Override
        public Page<DatasetSummary> listDatasets(int maxResults, String pageToken) {
            JsonNode reply = client.gyreGet("datasets/list", paging(Map.of(), maxResults, pageToken));
            return page(reply, "datasets", DatasetJson::readSummary);
        }

        @Override
        public Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken) {
            JsonNode reply =
                    client.gyreGet("datasets/versions/search", paging(Map.of("name", name), maxResults, pageToken));
            return page(reply, "dataset_versions", DatasetJson::readVersion);
        }

        @Override
        public String source() {
            return client.baseUri().toString();
        }

        @Override
        public void close() {
            // the JDK client holds no resources that need closing between commands
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

        private static void putIfPresent(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }
}
