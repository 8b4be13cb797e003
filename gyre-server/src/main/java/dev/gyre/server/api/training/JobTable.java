package dev.gyre.server.api.training;

import dev.gyre.core.error.GyreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The jobs a server remembers, in memory, in submission order: every unfinished job and the latest
 * {@code keepFinished} finished ones (the oldest finished are forgotten first). Each change replaces a job's
 * {@link JobRecord} whole under one lock, so readers see consistent snapshots. Thread-safe.
 */
final class JobTable {

    private final int keepFinished;
    private final LinkedHashMap<String, JobRecord> jobs = new LinkedHashMap<>();

    JobTable(int keepFinished) {
        this.keepFinished = keepFinished;
    }

    synchronized void add(JobRecord job) {
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new IllegalStateException("job id " + job.jobId() + " is taken");
        }
    }

    synchronized void remove(String jobId) {
        jobs.remove(jobId);
    }

    /** Replaces the job with {@code change} applied to it; forgets the oldest finished jobs beyond the limit. */
    synchronized JobRecord update(String jobId, UnaryOperator<JobRecord> change) {
        JobRecord changed = change.apply(jobs.get(jobId));
        jobs.put(jobId, changed);
        if (changed.status().finished()) {
            forgetOldFinished();
        }
        return changed;
    }

    /** @throws GyreException 404 {@code RESOURCE_DOES_NOT_EXIST} for an unknown or forgotten job */
    synchronized JobRecord get(String jobId) {
        JobRecord job = jobs.get(jobId);
        if (job == null) {
            throw GyreException.notFound("Training job '" + jobId + "' does not exist. Jobs are kept in the server's"
                    + " memory: the latest " + keepFinished + " finished ones, until the server restarts.");
        }
        return job;
    }

    /** The latest {@code max} jobs, newest first. */
    synchronized List<JobRecord> newestFirst(int max) {
        List<JobRecord> all = new ArrayList<>(jobs.values());
        List<JobRecord> out = new ArrayList<>(Math.min(max, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    private void forgetOldFinished() {
        long finished =
                jobs.values().stream().filter(j -> j.status().finished()).count();
        for (Iterator<Map.Entry<String, JobRecord>> it = jobs.entrySet().iterator();
                finished > keepFinished && it.hasNext(); ) {
            if (it.next().getValue().status().finished()) {
                it.remove();
                finished--;
            }
        }
    }
}
