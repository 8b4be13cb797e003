package dev.gyre.server.api.training;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.api.data.DataPaths;
import dev.gyre.train.run.TrainingJob;
import dev.gyre.train.run.TrainingOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's training jobs: {@code gyre train} and {@code gyre tune} run in the background, since a job takes
 * seconds to minutes and must not hold an HTTP request open. A submission is checked and parsed at once
 * ({@link ProjectAccess}), then waits for one of {@link JobLimits#concurrent()} worker threads; beyond
 * {@link JobLimits#unfinished()} unfinished jobs it is refused, so a burst of submissions cannot pile up without
 * bound.
 *
 * <p>Jobs live in memory only ({@link JobTable}: every unfinished job and the latest {@value #KEEP_FINISHED} finished
 * ones): a restart forgets them, while the MLflow runs, model packages and versions they recorded stay in the stores.
 * {@link #close()} refuses new jobs, lets queued ones end without starting, waits up to {@link #CLOSE_GRACE} for the
 * running ones and then interrupts them; a job that does not stop (native training ignores interrupts) is abandoned on
 * its daemon thread, and its run may be left {@code RUNNING}. Thread-safe.
 */
public final class TrainingJobs implements AutoCloseable {

    /** How many finished jobs are remembered; the oldest are forgotten first. */
    public static final int KEEP_FINISHED = 200;

    /** How long {@link #close()} waits for running jobs before interrupting them. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);

    private final TrainingContext context;
    private final JobLimits limits;
    private final ProjectAccess access;
    private final JobTable table = new JobTable(KEEP_FINISHED);
    private final Semaphore admission;
    private final ExecutorService workers;
    private volatile boolean closed;

    /** @param paths which files the jobs may read: the project files and the data they name */
    public TrainingJobs(TrainingContext context, JobLimits limits, DataPaths paths) {
        this.context = context;
        this.limits = limits;
        this.access = new ProjectAccess(paths, context.datasets());
        this.admission = new Semaphore(limits.unfinished());
        this.workers = Executors.newFixedThreadPool(
                limits.concurrent(),
                Thread.ofPlatform().name("gyre-training-", 1).daemon(true).factory());
    }

    public JobLimits limits() {
        return limits;
    }

    /**
     * Checks and parses the project file at {@code project}, then queues the job, run as {@code user}.
     *
     * @return the pending job; empty when {@link JobLimits#unfinished()} jobs are already unfinished
     * @throws GyreException for a project the server may not or cannot train from (see {@link ProjectAccess#check}),
     *     or 503 {@code TEMPORARILY_UNAVAILABLE} once the server is stopping
     */
    Optional<JobRecord> submit(String project, JobMode mode, String user) {
        ProjectAccess.Checked checked = access.check(project, mode);
        requireOpen();
        if (!admission.tryAcquire()) {
            return Optional.empty();
        }
        JobRecord pending = JobRecord.pending(
                UUID.randomUUID().toString().replace("-", ""),
                mode,
                checked.file().toString(),
                now());
        table.add(pending);
        try {
            workers.execute(() -> run(pending.jobId(), checked, mode, user));
        } catch (RejectedExecutionException e) {
            table.remove(pending.jobId());
            admission.release();
            requireOpen();
            throw e;
        }
        return Optional.of(pending);
    }

    /** @throws GyreException 404 {@code RESOURCE_DOES_NOT_EXIST} for an unknown or forgotten job */
    JobRecord get(String jobId) {
        return table.get(jobId);
    }

    /** The latest {@code max} jobs, newest first. */
    List<JobRecord> list(int max) {
        return table.newestFirst(max);
    }

    private void run(String jobId, ProjectAccess.Checked checked, JobMode mode, String user) {
        try {
            if (closed) {
                fail(
                        jobId,
                        new JobError(ErrorCode.TEMPORARILY_UNAVAILABLE, "the server stopped before the job started"));
                return;
            }
            table.update(jobId, job -> job.started(now()));
            TrainingJob job = new TrainingJob(
                    context.environment(user), line -> table.update(jobId, record -> record.withStep(line)));
            TrainingOutcome outcome =
                    switch (mode) {
                        case TRAIN -> job.run(checked.project(), checked.file());
                        case TUNE -> job.tune(checked.project(), checked.file());
                    };
            JobOutcome result = JobOutcome.of(outcome);
            table.update(jobId, record -> record.succeeded(now(), result));
        } catch (GyreException e) {
            if (e.code() == ErrorCode.INTERNAL_ERROR) {
                unexpected(jobId, e);
            } else {
                fail(jobId, new JobError(e.code(), e.getMessage()));
            }
        } catch (RuntimeException e) {
            unexpected(jobId, e);
        } catch (Error e) {
            unexpected(jobId, e);
            throw e;
        } finally {
            admission.release();
        }
    }

    private void unexpected(String jobId, Throwable e) {
        LOG.error("Training job {} failed unexpectedly", jobId, e);
        fail(
                jobId,
                new JobError(
                        ErrorCode.INTERNAL_ERROR,
                        "Training job " + jobId + " failed unexpectedly. The server log has the details."));
    }

    private void fail(String jobId, JobError error) {
        table.update(jobId, record -> record.failed(now(), error));
    }

    private void requireOpen() {
        if (closed) {
            throw new GyreException(
                    ErrorCode.TEMPORARILY_UNAVAILABLE, "the server is stopping and accepts no training jobs");
        }
    }

    private long now() {
        return context.clock().millis();
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn(
                            "Training jobs still running {} after the server began stopping are abandoned",
                            CLOSE_GRACE);
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
