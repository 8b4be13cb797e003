package dev.gyre.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.data.register.DatasetJson;
import dev.gyre.data.register.DatasetRegistrar;
import dev.gyre.server.api.data.DataPaths;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.TrackingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Gyre's dataset registry endpoints, served next to MLflow's under {@link ApiRoutes#GYRE_PREFIXES}
 * ({@code /api/2.0/gyre/datasets/…}).
 *
 * <p>{@code datasets/register} reads {@code path} <em>on the server</em>, with the server's file permissions, and
 * stores a profile (value statistics, frequent values) of what it read; so the path must pass the server's
 * {@link DataPaths} (under a data root, or anywhere on a loopback-only server without roots). The path must be
 * absolute, so that it never depends on the server's working directory. With data roots, the version's recorded
 * source is the real path that was read (symlinks resolved).
 */
public final class DatasetHandlers {

    /** Page size of the listings when {@code max_results} is absent. */
    static final int DEFAULT_PAGE = 100;

    private static final Set<String> REGISTER = Set.of("name", "path", "description", "run_id", "context");
    private static final Set<String> GET = Set.of("name", "version");
    private static final Set<String> LIST = Set.of("max_results", "page_token");
    private static final Set<String> VERSIONS = Set.of("name", "max_results", "page_token");
    private static final Set<String> PROFILE = Set.of("name", "version");

    private final DatasetRegistryStore datasets;
    private final TrackingStore tracking;
    private final DatasetRegistrar registrar;
    private final DataPaths paths;

    /** @param paths which files {@code datasets/register} may read */
    public DatasetHandlers(DatasetRegistryStore datasets, TrackingStore tracking, DataPaths paths) {
        this.datasets = datasets;
        this.tracking = tracking;
        this.registrar = new DatasetRegistrar(datasets);
        this.paths = paths;
    }

    public void register(ApiRoutes routes) {
        routes.post("datasets/register", this::register)
                .get("datasets/get", this::get)
                .get("datasets/list", this::list)
                .get("datasets/versions/search", this::versions)
                .get("datasets/versions/profile", this::profile);
    }

    /**
     * {@code {name, path, description?, run_id?, context?}}: registers the file or folder; with {@code run_id}, also
     * logs the version to that run as an MLflow dataset input tagged {@code mlflow.data.context=context}.
     */
    private void register(ApiExchange ex) {
        RequestFields f = ex.fields(REGISTER);
        String name = f.requiredString("name");
        Path path = paths.resolve(f.requiredString("path"), "path");
        String description = ExperimentHandlers.emptyToNull(f.optionalString("description"));
        String runId = ExperimentHandlers.emptyToNull(f.optionalString("run_id"));
        String context = ExperimentHandlers.emptyToNull(f.optionalString("context"));
        if (context != null && runId == null) {
            throw GyreException.invalid("context is only meaningful with run_id");
        }
        if (runId != null) {
            // Fail on an unknown run before reading the file, not after registering it.
            tracking.getRun(runId);
        }
        DatasetRegistration registration = registrar.register(name, path, description);
        if (runId != null) {
            DatasetRegistrar.linkToRun(tracking, runId, registration.version(), context);
        }
        send(ex, DatasetJson.registration(registration));
    }

    /** {@code ?name=&version=}; without a version, the latest. */
    private void get(ApiExchange ex) {
        RequestFields f = ex.fields(GET);
        String name = f.requiredString("name");
        Long version = f.optionalInt64("version");
        DatasetVersion v = version == null ? datasets.getLatestVersion(name) : datasets.getVersion(name, version);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("dataset_version", DatasetJson.version(v));
        send(ex, answer);
    }

    private void list(ApiExchange ex) {
        RequestFields f = ex.fields(LIST);
        Page<DatasetSummary> page = datasets.listDatasets(
                f.int32Or("max_results", DEFAULT_PAGE), ExperimentHandlers.emptyToNull(f.optionalString("page_token")));
        send(ex, DatasetJson.page(page, "datasets"));
    }

    private void versions(ApiExchange ex) {
        RequestFields f = ex.fields(VERSIONS);
        Page<DatasetVersion> page = datasets.listVersions(
                f.requiredString("name"),
                f.int32Or("max_results", DEFAULT_PAGE),
                ExperimentHandlers.emptyToNull(f.optionalString("page_token")));
        send(ex, DatasetJson.page(page, "dataset_versions"));
    }

    /** {@code {name, version, profile}} with the stored profile embedded as JSON, not as a string. */
    private void profile(ApiExchange ex) {
        RequestFields f = ex.fields(PROFILE);
        String name = f.requiredString("name");
        Long requested = f.optionalInt64("version");
        long version = requested == null ? datasets.getLatestVersion(name).version() : requested;
        String profile = datasets.getProfile(name, version);
        ex.sendJson(g -> {
            g.writeStringField("name", name);
            g.writeNumberField("version", version);
            g.writeFieldName("profile");
            g.writeRawValue(profile.strip());
        });
    }

    private static void send(ApiExchange ex, ObjectNode answer) {
        ex.sendJsonBytes(answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
