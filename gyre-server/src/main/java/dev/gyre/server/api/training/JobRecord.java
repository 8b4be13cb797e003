package dev.gyre.server.api.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One training job as the API shows it at one moment: an immutable snapshot, replaced whole on every change (a
 * progress line, start, end), so a reader never sees a half-updated job. Times are milliseconds since the epoch.
 *
 * @param project the real path of the project file on the server
 * @param steps the job's progress lines so far, oldest first, at most {@link #MAX_STEPS} (the latest)
 * @param outcome present once the job {@link JobStatus#SUCCEEDED succeeded}
 * @param error present once the job {@link JobStatus#FAILED failed}
 */
public record JobRecord(
        String jobId,
        JobMode mode,
        String project,
        JobStatus status,
        long createdTime,
        OptionalLong startedTime,
        OptionalLong finishedTime,
        List<String> steps,
        Optional<JobOutcome> outcome,
        Optional<JobError> error) {

    /** How many progress lines a job keeps: the latest ones. */
    public static final int MAX_STEPS = 100;

    public JobRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedTime, "startedTime");
        Objects.requireNonNull(finishedTime, "finishedTime");
        steps = List.copyOf(steps.size() > MAX_STEPS ? steps.subList(steps.size() - MAX_STEPS, steps.size()) : steps);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
        if (outcome.isPresent() != (status == JobStatus.SUCCEEDED)
                || error.isPresent() != (status == JobStatus.FAILED)) {
            throw new IllegalArgumentException(
                    "a " + status + " job has an outcome only when it succeeded and an" + " error only when it failed");
        }
    }

    /** A job just accepted, waiting for a worker. */
    static JobRecord pending(String jobId, JobMode mode, String project, long now) {
        return new JobRecord(
                jobId,
                mode,
                project,
                JobStatus.PENDING,
                now,
                OptionalLong.empty(),
                OptionalLong.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    }

    JobRecord started(long now) {
        return new JobRecord(
                jobId,
                mode,
                project,
                JobStatus.RUNNING,
                createdTime,
                OptionalLong.of(now),
                finishedTime,
                steps,
                outcome,
                error);
    }

    /** With {@code line} appended to the steps (the oldest dropped beyond {@link #MAX_STEPS}). */
    JobRecord withStep(String line) {
        List<String> more = new ArrayList<>(steps.size() + 1);
        more.addAll(steps);
        more.add(line);
        return new JobRecord(
                jobId, mode, project, status, createdTime, startedTime, finishedTime, more, outcome, error);
    }

    JobRecord succeeded(long now, JobOutcome result) {
        return new JobRecord(
                jobId,
                mode,
                project,
                JobStatus.SUCCEEDED,
                createdTime,
                startedTime,
                OptionalLong.of(now),
                steps,
                Optional.of(result),
                Optional.empty());
    }

    JobRecord failed(long now, JobError failure) {
        return new JobRecord(
                jobId,
                mode,
                project,
                JobStatus.FAILED,
                createdTime,
                startedTime,
                OptionalLong.of(now),
                steps,
                Optional.empty(),
                Optional.of(failure));
    }
}
