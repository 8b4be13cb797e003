package dev.gyre.core.tracking;

/**
 * Run metadata. {@code endTime} is null while the run has not ended. {@code artifactUri} is where the run's
 * artifacts live, e.g. {@code mlflow-artifacts:/1/<runId>/artifacts} when the server proxies artifacts.
 */
public record RunInfo(
        String runId,
        String runName,
        String experimentId,
        String userId,
        RunStatus status,
        long startTime,
        Long endTime,
        String artifactUri,
        LifecycleStage lifecycleStage) {}
