package dev.gyre.server.api;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.MlflowWire;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.TrackingStore;
import java.util.Set;

/** MLflow's experiment endpoints ({@code experiments/*}). */
public final class ExperimentHandlers {

    /** MLflow's default page size for experiment search. */
    static final int DEFAULT_MAX_RESULTS = 1000;

    private static final Set<String> CREATE = Set.of("name", "artifact_location", "tags");
    private static final Set<String> BY_ID = Set.of("experiment_id");
    private static final Set<String> BY_NAME = Set.of("experiment_name");
    private static final Set<String> SEARCH = Set.of("max_results", "page_token", "filter", "order_by", "view_type");
    private static final Set<String> UPDATE = Set.of("experiment_id", "new_name");
    private static final Set<String> SET_TAG = Set.of("experiment_id", "key", "value");

    private final TrackingStore store;

    public ExperimentHandlers(TrackingStore store) {
        this.store = store;
    }

    public void register(ApiRoutes routes) {
        routes.post("experiments/create", this::create)
                .get("experiments/get", this::get)
                .get("experiments/get-by-name", this::getByName)
                .get("experiments/search", this::search)
                .post("experiments/search", this::search)
                .post("experiments/update", this::update)
                .post("experiments/delete", this::delete)
                .post("experiments/restore", this::restore)
                .post("experiments/set-experiment-tag", this::setTag);
    }

    private void create(ApiExchange ex) {
        RequestFields f = ex.fields(CREATE);
        String name = f.requiredString("name");
        String location = f.optionalString("artifact_location");
        var tags = Requests.tags(f, "tags");
        UriSafety.checkArtifactLocation(location);
        String id = store.createExperiment(name, location == null || location.isEmpty() ? null : location, tags);
        ex.sendJson(g -> g.writeStringField("experiment_id", id));
    }

    private void get(ApiExchange ex) {
        String id = ex.fields(BY_ID).requiredString("experiment_id");
        Experiment experiment = store.getExperiment(id);
        ex.sendJson(g -> {
            g.writeFieldName("experiment");
            MlflowWire.experiment(g, experiment);
        });
    }

    private void getByName(ApiExchange ex) {
        String name = ex.fields(BY_NAME).requiredString("experiment_name");
        Experiment experiment = store.getExperimentByName(name)
                .orElseThrow(() -> GyreException.notFound("Could not find experiment with name '" + name + "'"));
        ex.sendJson(g -> {
            g.writeFieldName("experiment");
            MlflowWire.experiment(g, experiment);
        });
    }

    private void search(ApiExchange ex) {
        RequestFields f = ex.fields(SEARCH);
        int maxResults = f.int32Or("max_results", DEFAULT_MAX_RESULTS);
        String pageToken = emptyToNull(f.optionalString("page_token"));
        String filter = emptyToNull(f.optionalString("filter"));
        var orderBy = f.stringList("order_by");
        var viewType = Requests.viewType(f, "view_type");
        Page<Experiment> page = store.searchExperiments(viewType, maxResults, filter, orderBy, pageToken);
        ex.sendJson(g -> {
            if (!page.items().isEmpty()) {
                g.writeArrayFieldStart("experiments");
                for (Experiment e : page.items()) {
                    MlflowWire.experiment(g, e);
                }
                g.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                g.writeStringField("next_page_token", page.nextPageToken().get());
            }
        });
    }

    private void update(ApiExchange ex) {
        RequestFields f = ex.fields(UPDATE);
        String id = f.requiredString("experiment_id");
        String newName = f.requiredString("new_name");
        store.renameExperiment(id, newName);
        ex.sendEmptyJson();
    }

    private void delete(ApiExchange ex) {
        store.deleteExperiment(ex.fields(BY_ID).requiredString("experiment_id"));
        ex.sendEmptyJson();
    }

    private void restore(ApiExchange ex) {
        store.restoreExperiment(ex.fields(BY_ID).requiredString("experiment_id"));
        ex.sendEmptyJson();
    }

    private void setTag(ApiExchange ex) {
        RequestFields f = ex.fields(SET_TAG);
        String id = f.requiredString("experiment_id");
        String key = f.requiredString("key");
        String value = f.stringOr("value", "");
        store.setExperimentTag(id, new Tag(key, value));
        ex.sendEmptyJson();
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
