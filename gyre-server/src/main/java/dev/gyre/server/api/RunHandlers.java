package dev.gyre.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.Tag;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.JsonCodec;
import dev.gyre.server.json.MlflowWire;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** MLflow's run endpoints ({@code runs/*}, {@code metrics/*}). */
public final class RunHandlers {

    /** MLflow's default page size for run search. */
    static final int DEFAULT_MAX_RESULTS = 1000;

    /** Page size used to read a whole metric history when the client asks for no limit. */
    static final int HISTORY_PAGE = 25_000;

    /** MLflow refuses log-batch bodies over 1 MB before looking at them. */
    static final int MAX_BATCH_BODY_BYTES = 1_000_000;

    /** MLflow's limit on runs per {@code metrics/get-history-bulk} call. */
    static final int MAX_BULK_RUNS = 100;

    static final String LOGGED_MODELS_TAG = "mlflow.log-model.history";

    private static final Set<String> CREATE = Set.of("experiment_id", "user_id", "start_time", "tags", "run_name");
    private static final Set<String> UPDATE = Set.of("run_id", "run_uuid", "status", "end_time", "run_name");
    private static final Set<String> BY_RUN = Set.of("run_id", "run_uuid");
    // model_id, dataset_name and dataset_digest are sent by newer MLflow clients; accepted and not stored.
    private static final Set<String> LOG_METRIC = Set.of(
            "run_id", "run_uuid", "key", "value", "timestamp", "step", "model_id", "dataset_name", "dataset_digest");
    private static final Set<String> BATCH_METRIC =
            Set.of("key", "value", "timestamp", "step", "model_id", "dataset_name", "dataset_digest", "run_id");
    private static final Set<String> KEY_VALUE_RUN = Set.of("run_id", "run_uuid", "key", "value");
    private static final Set<String> DELETE_TAG = Set.of("run_id", "run_uuid", "key");
    private static final Set<String> LOG_BATCH = Set.of("run_id", "run_uuid", "metrics", "params", "tags");
    private static final Set<String> LOG_INPUTS = Set.of("run_id", "run_uuid", "datasets");
    private static final Set<String> DATASET_INPUT = Set.of("tags", "dataset");
    private static final Set<String> DATASET = Set.of("name", "digest", "source_type", "source", "schema", "profile");
    private static final Set<String> LOG_MODEL = Set.of("run_id", "run_uuid", "model_json");
    private static final Set<String> SEARCH =
            Set.of("experiment_ids", "filter", "run_view_type", "max_results", "order_by", "page_token");
    private static final Set<String> HISTORY = Set.of("run_id", "run_uuid", "metric_key", "page_token", "max_results");
    private static final Set<String> HISTORY_BULK = Set.of("run_id", "metric_key", "max_results");

    private final TrackingStore store;
    private final JsonCodec codec;

    public RunHandlers(TrackingStore store, JsonCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public void register(ApiRoutes routes) {
        routes.post("runs/create", this::create)
                .post("runs/update", this::update)
                .post("runs/delete", this::delete)
                .post("runs/restore", this::restore)
                .post("runs/log-metric", this::logMetric)
                .post("runs/log-parameter", this::logParam)
                .post("runs/set-tag", this::setTag)
                .post("runs/delete-tag", this::deleteTag)
                .post("runs/log-batch", this::logBatch)
                .post("runs/log-inputs", this::logInputs)
                .post("runs/log-model", this::logModel)
                .get("runs/get", this::get)
                .post("runs/search", this::search)
                .get("runs/search", this::search)
                .get("metrics/get-history", this::metricHistory)
                .get("metrics/get-history-bulk", this::metricHistoryBulk);
    }

    private void create(ApiExchange ex) {
        RequestFields f = ex.fields(CREATE);
        String experimentId = f.stringOr("experiment_id", TrackingStore.DEFAULT_EXPERIMENT_ID);
        String userId = f.stringOr("user_id", "");
        Long startTime = f.optionalInt64("start_time");
        String runName = ExperimentHandlers.emptyToNull(f.optionalString("run_name"));
        List<Tag> tags = Requests.tags(f, "tags");
        Run run = store.createRun(
                experimentId.isEmpty() ? TrackingStore.DEFAULT_EXPERIMENT_ID : experimentId,
                userId,
                startTime == null ? System.currentTimeMillis() : startTime,
                tags,
                runName);
        ex.sendJson(g -> {
            g.writeFieldName("run");
            MlflowWire.run(g, run);
        });
    }

    private void update(ApiExchange ex) {
        RequestFields f = ex.fields(UPDATE);
        String runId = f.requiredRunId();
        var status = Requests.runStatus(f, "status");
        Long endTime = f.optionalInt64("end_time");
        String runName = ExperimentHandlers.emptyToNull(f.optionalString("run_name"));
        RunInfo info = store.updateRun(runId, status, endTime, runName);
        ex.sendJson(g -> {
            g.writeFieldName("run_info");
            MlflowWire.runInfo(g, info);
        });
    }

    private void delete(ApiExchange ex) {
        store.deleteRun(ex.fields(BY_RUN).requiredRunId());
        ex.sendEmptyJson();
    }

    private void restore(ApiExchange ex) {
        store.restoreRun(ex.fields(BY_RUN).requiredRunId());
        ex.sendEmptyJson();
    }

    private void logMetric(ApiExchange ex) {
        RequestFields f = ex.fields(LOG_METRIC);
        String runId = f.requiredRunId();
        Metric metric = metric(f);
        store.logMetric(runId, metric);
        ex.sendEmptyJson();
    }

    private static Metric metric(RequestFields f) {
        String key = f.requiredString("key");
        double value = f.requiredDouble("value");
        long timestamp = f.requiredInt64("timestamp");
        Long step = f.optionalInt64("step");
        return new Metric(key, value, timestamp, step == null ? 0L : step);
    }

    private void logParam(ApiExchange ex) {
        RequestFields f = ex.fields(KEY_VALUE_RUN);
        String runId = f.requiredRunId();
        String key = f.requiredString("key");
        String value = f.stringOr("value", "");
        store.logParam(runId, new Param(key, value));
        ex.sendEmptyJson();
    }

    private void setTag(ApiExchange ex) {
        RequestFields f = ex.fields(KEY_VALUE_RUN);
        String runId = f.requiredRunId();
        String key = f.requiredString("key");
        String value = f.stringOr("value", "");
        store.setTag(runId, new Tag(key, value));
        ex.sendEmptyJson();
    }

    private void deleteTag(ApiExchange ex) {
        RequestFields f = ex.fields(DELETE_TAG);
        String runId = f.requiredRunId();
        store.deleteTag(runId, f.requiredString("key"));
        ex.sendEmptyJson();
    }

    private void logBatch(ApiExchange ex) {
        long size = ex.declaredBodyLength();
        if (size > MAX_BATCH_BODY_BYTES) {
            throw GyreException.invalid("Batched logging API requests must be at most " + MAX_BATCH_BODY_BYTES
                    + " bytes, got a request of size " + size + ".");
        }
        RequestFields f = ex.fields(LOG_BATCH);
        String runId = f.requiredRunId();
        List<RequestFields> metricFields = f.objectList("metrics");
        List<Metric> metrics = new ArrayList<>(metricFields.size());
        for (RequestFields m : metricFields) {
            metrics.add(metric(m.allowOnly(BATCH_METRIC)));
        }
        List<Param> params = new ArrayList<>();
        for (Tag kv : Requests.tags(f, "params")) {
            params.add(new Param(kv.key(), kv.value()));
        }
        List<Tag> tags = Requests.tags(f, "tags");
        store.logBatch(runId, metrics, params, tags);
        ex.sendEmptyJson();
    }

    private void logInputs(ApiExchange ex) {
        RequestFields f = ex.fields(LOG_INPUTS);
        String runId = f.requiredRunId();
        List<DatasetInput> inputs = new ArrayList<>();
        for (RequestFields input : f.objectList("datasets")) {
            input.allowOnly(DATASET_INPUT);
            RequestFields d = input.requiredObject("dataset").allowOnly(DATASET);
            Dataset dataset = new Dataset(
                    d.requiredString("name"),
                    d.requiredString("digest"),
                    d.requiredString("source_type"),
                    d.requiredString("source"),
                    d.optionalString("schema"),
                    d.optionalString("profile"));
            inputs.add(new DatasetInput(dataset, Requests.tags(input, "tags")));
        }
        store.logInputs(runId, inputs);
        ex.sendEmptyJson();
    }

    /**
     * Records a logged model's metadata the way MLflow's stores do: appended to the run's
     * {@code mlflow.log-model.history} tag, a JSON list.
     */
    private void logModel(ApiExchange ex) {
        RequestFields f = ex.fields(LOG_MODEL);
        String runId = f.requiredRunId();
        JsonNode model = codec.readTree(f.requiredString("model_json"));
        if (!model.isObject()) {
            throw GyreException.invalid("Invalid value for parameter 'model_json': expected a JSON object.");
        }
        Run run = store.getRun(runId);
        ArrayNode history = null;
        for (Tag tag : run.data().tags()) {
            if (tag.key().equals(LOGGED_MODELS_TAG) && codec.readTree(tag.value()) instanceof ArrayNode previous) {
                history = previous;
            }
        }
        if (history == null) {
            history = codec.newObject().arrayNode();
        }
        history.add(model);
        store.setTag(runId, new Tag(LOGGED_MODELS_TAG, codec.writeTree(history)));
        ex.sendEmptyJson();
    }

    private void get(ApiExchange ex) {
        Run run = store.getRun(ex.fields(BY_RUN).requiredRunId());
        ex.sendJson(g -> {
            g.writeFieldName("run");
            MlflowWire.run(g, run);
        });
    }

    private void search(ApiExchange ex) {
        RequestFields f = ex.fields(SEARCH);
        List<String> experimentIds = f.stringList("experiment_ids");
        String filter = ExperimentHandlers.emptyToNull(f.optionalString("filter"));
        var viewType = Requests.viewType(f, "run_view_type");
        int maxResults = f.int32Or("max_results", DEFAULT_MAX_RESULTS);
        List<String> orderBy = f.stringList("order_by");
        String pageToken = ExperimentHandlers.emptyToNull(f.optionalString("page_token"));
        Page<Run> page = store.searchRuns(experimentIds, filter, viewType, maxResults, orderBy, pageToken);
        ex.sendJson(g -> {
            if (!page.items().isEmpty()) {
                g.writeArrayFieldStart("runs");
                for (Run run : page.items()) {
                    MlflowWire.run(g, run);
                }
                g.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                g.writeStringField("next_page_token", page.nextPageToken().get());
            }
        });
    }

    private void metricHistory(ApiExchange ex) {
        RequestFields f = ex.fields(HISTORY);
        String runId = f.requiredRunId();
        String key = f.requiredString("metric_key");
        String pageToken = ExperimentHandlers.emptyToNull(f.optionalString("page_token"));
        Integer maxResults = f.has("max_results") ? f.int32Or("max_results", HISTORY_PAGE) : null;
        Page<Metric> page = maxResults != null || pageToken != null
                ? store.getMetricHistory(runId, key, maxResults == null ? HISTORY_PAGE : maxResults, pageToken)
                : Page.last(wholeHistory(runId, key));
        ex.sendJson(g -> {
            if (!page.items().isEmpty()) {
                g.writeArrayFieldStart("metrics");
                for (Metric m : page.items()) {
                    MlflowWire.metric(g, m);
                }
                g.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                g.writeStringField("next_page_token", page.nextPageToken().get());
            }
        });
    }

    /** Without max_results MLflow returns the whole history; read it page by page. */
    private List<Metric> wholeHistory(String runId, String key) {
        List<Metric> all = new ArrayList<>();
        String token = null;
        do {
            Page<Metric> page = store.getMetricHistory(runId, key, HISTORY_PAGE, token);
            all.addAll(page.items());
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        return all;
    }

    /** The web UI's bulk history: one metric for up to 100 runs, each entry carrying its run id. */
    private void metricHistoryBulk(ApiExchange ex) {
        RequestFields f = ex.fields(HISTORY_BULK);
        List<String> runIds = f.stringList("run_id");
        if (runIds.isEmpty()) {
            throw f.missing("run_id");
        }
        if (runIds.size() > MAX_BULK_RUNS) {
            throw GyreException.invalid("GetMetricHistoryBulk request can only accept up to " + MAX_BULK_RUNS
                    + " run IDs, got " + runIds.size() + ".");
        }
        String key = f.requiredString("metric_key");
        int maxResults = f.int32Or("max_results", HISTORY_PAGE);
        List<List<Metric>> histories = new ArrayList<>(runIds.size());
        for (String runId : runIds) {
            histories.add(store.getMetricHistory(runId, key, maxResults, null).items());
        }
        ex.sendJson(g -> {
            g.writeArrayFieldStart("metrics");
            for (int i = 0; i < runIds.size(); i++) {
                for (Metric m : histories.get(i)) {
                    MlflowWire.metricWithRun(g, m, runIds.get(i));
                }
            }
            g.writeEndArray();
        });
    }
}
