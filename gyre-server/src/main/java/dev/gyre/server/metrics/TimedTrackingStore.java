package dev.gyre.server.metrics;

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
import dev.gyre.store.TrackingStore;
import java.util.List;
import java.util.Optional;

/** A {@link TrackingStore} that times every call with a {@link StoreTimer}; behaviour is the delegate's. */
public final class TimedTrackingStore implements TrackingStore {

    private final TrackingStore delegate;
    private final StoreTimer timer;

    public TimedTrackingStore(TrackingStore delegate, StoreTimer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public String createExperiment(String name, String artifactLocation, List<Tag> tags) {
        return timer.time("createExperiment", () -> delegate.createExperiment(name, artifactLocation, tags));
    }

    @Override
    public Experiment getExperiment(String experimentId) {
        return timer.time("getExperiment", () -> delegate.getExperiment(experimentId));
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return timer.time("getExperimentByName", () -> delegate.getExperimentByName(name));
    }

    @Override
    public Page<Experiment> searchExperiments(
            ViewType viewType, int maxResults, String filter, List<String> orderBy, String pageToken) {
        return timer.time(
                "searchExperiments",
                () -> delegate.searchExperiments(viewType, maxResults, filter, orderBy, pageToken));
    }

    @Override
    public void renameExperiment(String experimentId, String newName) {
        timer.run("renameExperiment", () -> delegate.renameExperiment(experimentId, newName));
    }

    @Override
    public void deleteExperiment(String experimentId) {
        timer.run("deleteExperiment", () -> delegate.deleteExperiment(experimentId));
    }

    @Override
    public void restoreExperiment(String experimentId) {
        timer.run("restoreExperiment", () -> delegate.restoreExperiment(experimentId));
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag) {
        timer.run("setExperimentTag", () -> delegate.setExperimentTag(experimentId, tag));
    }

    @Override
    public Run createRun(String experimentId, String userId, long startTime, List<Tag> tags, String runName) {
        return timer.time("createRun", () -> delegate.createRun(experimentId, userId, startTime, tags, runName));
    }

    @Override
    public Run getRun(String runId) {
        return timer.time("getRun", () -> delegate.getRun(runId));
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
        return timer.time("updateRun", () -> delegate.updateRun(runId, status, endTime, runName));
    }

    @Override
    public void deleteRun(String runId) {
        timer.run("deleteRun", () -> delegate.deleteRun(runId));
    }

    @Override
    public void restoreRun(String runId) {
        timer.run("restoreRun", () -> delegate.restoreRun(runId));
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        timer.run("logBatch", () -> delegate.logBatch(runId, metrics, params, tags));
    }

    @Override
    public void logMetric(String runId, Metric metric) {
        timer.run("logMetric", () -> delegate.logMetric(runId, metric));
    }

    @Override
    public void logParam(String runId, Param param) {
        timer.run("logParam", () -> delegate.logParam(runId, param));
    }

    @Override
    public void setTag(String runId, Tag tag) {
        timer.run("setTag", () -> delegate.setTag(runId, tag));
    }

    @Override
    public void deleteTag(String runId, String key) {
        timer.run("deleteTag", () -> delegate.deleteTag(runId, key));
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        timer.run("logInputs", () -> delegate.logInputs(runId, inputs));
    }

    @Override
    public Page<Run> searchRuns(
            List<String> experimentIds,
            String filter,
            ViewType viewType,
            int maxResults,
            List<String> orderBy,
            String pageToken) {
        return timer.time(
                "searchRuns",
                () -> delegate.searchRuns(experimentIds, filter, viewType, maxResults, orderBy, pageToken));
    }

    @Override
    public Page<Metric> getMetricHistory(String runId, String metricKey, int maxResults, String pageToken) {
        return timer.time("getMetricHistory", () -> delegate.getMetricHistory(runId, metricKey, maxResults, pageToken));
    }

    @Override
    public boolean isHealthy() {
        return timer.time("isHealthy", delegate::isHealthy);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
