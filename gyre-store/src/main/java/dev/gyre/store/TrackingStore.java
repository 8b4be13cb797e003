package dev.gyre.store;

import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunInfo;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.core.tracking.ViewType;
import java.util.List;
import java.util.Optional;

/**
 * Experiments and runs, the seam between the tracking API and a database — MLflow's {@code AbstractStore}.
 *
 * <p>Contract for every implementation: arguments are validated with MLflow's rules and wording
 * ({@link dev.gyre.core.error.GyreException} with {@code INVALID_PARAMETER_VALUE}); unknown ids raise
 * {@code RESOURCE_DOES_NOT_EXIST}; each call is one transaction, so a failed call writes nothing; a call that
 * returned has been committed durably. Implementations are thread-safe.
 */
public interface TrackingStore extends AutoCloseable {

    /** The experiment every store has, id {@code "0"}, created on first start. */
    String DEFAULT_EXPERIMENT_ID = "0";

    String DEFAULT_EXPERIMENT_NAME = "Default";

    /**
     * Creates an experiment and returns its id. A null {@code artifactLocation} means the store's default root
     * followed by {@code /<id>}.
     */
    String createExperiment(String name, String artifactLocation, List<Tag> tags);

    Experiment getExperiment(String experimentId);

    /** Finds an experiment by exact name, active or deleted. */
    Optional<Experiment> getExperimentByName(String name);

    /**
     * Searches experiments with MLflow's experiment filter grammar ({@code name}, {@code tags.<key>},
     * {@code creation_time}, {@code last_update_time}); {@code orderBy} entries look like {@code "name ASC"}.
     */
    Page<Experiment> searchExperiments(
            ViewType viewType, int maxResults, String filter, List<String> orderBy, String pageToken);

    void renameExperiment(String experimentId, String newName);

    /** Soft-deletes the experiment and its runs. */
    void deleteExperiment(String experimentId);

    void restoreExperiment(String experimentId);

    void setExperimentTag(String experimentId, Tag tag);

    /** Creates a run in an active experiment; its artifact URI is the experiment's location + /runId/artifacts. */
    Run createRun(String experimentId, String userId, long startTime, List<Tag> tags, String runName);

    Run getRun(String runId);

    /** Updates status, end time and/or name; null leaves a field unchanged. */
    RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName);

    void deleteRun(String runId);

    void restoreRun(String runId);

    /**
     * The one write primitive for run data: all or nothing. Params are immutable (logging a different value for
     * an existing key fails); tags overwrite; metrics append to the history. Limits as MLflow: 1000 metrics,
     * 100 params, 100 tags per call.
     */
    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags);

    default void logMetric(String runId, Metric metric) {
        logBatch(runId, List.of(metric), List.of(), List.of());
    }

    default void logParam(String runId, Param param) {
        logBatch(runId, List.of(), List.of(param), List.of());
    }

    default void setTag(String runId, Tag tag) {
        logBatch(runId, List.of(), List.of(), List.of(tag));
    }

    void deleteTag(String runId, String key);

    /** Records the datasets a run used; the same dataset (name + digest) is stored once per experiment. */
    void logInputs(String runId, List<DatasetInput> inputs);

    /**
     * Searches runs with MLflow's run filter grammar over {@code metrics.}, {@code params.}, {@code tags.},
     * {@code attributes.} (and {@code datasets.}) with =, !=, &lt;, &gt;, &lt;=, &gt;=, LIKE, ILIKE, IN, NOT IN.
     */
    Page<Run> searchRuns(
            List<String> experimentIds,
            String filter,
            ViewType viewType,
            int maxResults,
            List<String> orderBy,
            String pageToken);

    /** All logged values of one metric, ordered by step then timestamp. */
    Page<Metric> getMetricHistory(String runId, String metricKey, int maxResults, String pageToken);

    /** True when the database answers; used by {@code /ready}. */
    boolean isHealthy();

    @Override
    void close();
}
