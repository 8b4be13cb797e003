package dev.gyre.serve.batch;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.ModelRuntime;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Joins concurrent requests for one model into batches along the first (row) dimension, scores each batch with one
 * call and hands every request exactly its own rows back.
 *
 * <p>No thread of its own: a request that finds fewer than {@link BatchSettings#maxConcurrentBatches()} batches
 * running becomes a leader and scores whatever has queued, up to {@link BatchSettings#maxBatchRows()}; requests
 * arriving while every leader is busy wait, and when a leader's own request is answered it passes the lead to the
 * oldest waiting one. At low load a request is scored on its own thread with no hand-off; under load every core scores
 * a batch and the calls into the model are as large as the queue allows.
 *
 * <p>Guarantees, each tested: outputs never mix between requests (each gets the rows it sent, in order); the timeout
 * counts from a request's arrival, not from the start of its batch; the queue is bounded ({@code RESOURCE_EXHAUSTED}
 * beyond it); when a batch fails because of one request's values (an {@code INVALID_PARAMETER_VALUE}), its requests
 * are scored again one by one so that only the bad one fails.
 */
public final class DynamicBatcher {

    private final ModelRuntime runtime;
    private final BatchSettings settings;
    private final BatchObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private int queuedRows;
    private int leaders;

    public DynamicBatcher(ModelRuntime runtime, BatchSettings settings, BatchObserver observer) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Requests waiting now (not counting the batch being scored). */
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scores validated {@code inputs} (see {@code InputValidator}) as part of a batch, blocking until done. {@code
     * arrivalNanos} ({@link System#nanoTime()}) is when the request arrived, from which the timeout counts.
     */
    public List<Tensor> infer(List<Tensor> inputs, long arrivalNanos) {
        Job job = new Job(inputs, arrivalNanos, Thread.currentThread());
        boolean lead;
        lock.lock();
        try {
            if (queue.size() >= settings.maxQueuedRequests()) {
                throw new GyreException(
                        ErrorCode.RESOURCE_EXHAUSTED,
                        "the model's queue is full (" + settings.maxQueuedRequests()
                                + " requests waiting); retry later");
            }
            queue.addLast(job);
            queuedRows += job.rows;
            more.signal();
            lead = leaders < settings.maxConcurrentBatches();
            if (lead) {
                leaders++;
            }
        } finally {
            lock.unlock();
        }
        if (lead) {
            lead(job);
        }
        // A job may still be unanswered here: waiting, or taken into another leader's batch while this thread led.
        while (!job.answered()) {
            if (awaitTurn(job)) {
                lead(job);
            }
        }
        return job.outcome();
    }

    /** Waits until the job is answered (false) or handed the lead (true); on timeout leaves the queue and fails. */
    private boolean awaitTurn(Job job) {
        long deadline = job.arrivalNanos + settings.timeout().toNanos();
        while (true) {
            Object state = job.state;
            if (state == Job.LEAD) {
                return true;
            }
            if (state != null) {
                return false;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                lock.lock();
                try {
                    if (job.state == Job.LEAD) {
                        return true; // the queue depends on this thread now; it leads, then answers late
                    }
                    if (job.state == null && queue.remove(job)) {
                        queuedRows -= job.rows;
                        throw timeout();
                    }
                } finally {
                    lock.unlock();
                }
                // Being scored right now: the answer is moments away, and the rows are already spent.
                LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(50));
                continue;
            }
            LockSupport.parkNanos(this, remaining);
        }
    }

    private void lead(Job self) {
        while (true) {
            List<Job> batch = nextBatch(self);
            if (batch.isEmpty()) {
                return;
            }
            run(batch);
            if (self.state != null && self.state != Job.LEAD) {
                handOver();
                return;
            }
        }
    }

    /**
     * The next jobs to score, or none (and the lead given up) when nothing is left for this leader: jobs handed the
     * lead by another leader stay for their own threads.
     */
    private List<Job> nextBatch(Job self) {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                leaders--;
                return List.of();
            }
            long delay = settings.maxQueueDelay().toNanos();
            if (delay > 0) {
                long until = queue.peekFirst().arrivalNanos + delay;
                long wait;
                while (queuedRows < settings.maxBatchRows() && (wait = until - System.nanoTime()) > 0) {
                    more.awaitNanos(wait);
                }
            }
            List<Job> batch = new ArrayList<>();
            int rows = 0;
            for (java.util.Iterator<Job> jobs = queue.iterator(); jobs.hasNext(); ) {
                Job next = jobs.next();
                if (next.state == Job.LEAD && next != self) {
                    continue;
                }
                if (!batch.isEmpty()
                        && (rows + next.rows > settings.maxBatchRows() || !next.joinsWith(batch.getFirst()))) {
                    break;
                }
                jobs.remove();
                queuedRows -= next.rows;
                rows += next.rows;
                batch.add(next);
            }
            if (batch.isEmpty()) {
                leaders--;
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leaders--;
            GyreException interrupted =
                    new GyreException(ErrorCode.TEMPORARILY_UNAVAILABLE, "the server is shutting down");
            queue.forEach(job -> job.finish(interrupted));
            queue.clear();
            queuedRows = 0;
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** Gives the lead to the oldest waiting request, or gives it up when none waits. */
    private void handOver() {
        lock.lock();
        try {
            Job next = firstWaiting();
            if (next == null) {
                leaders--;
            } else {
                next.state = Job.LEAD;
                LockSupport.unpark(next.thread);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The oldest queued job not already handed a lead (with several leaders, one may be waking up). */
    private Job firstWaiting() {
        for (Job job : queue) {
            if (job.state == null) {
                return job;
            }
        }
        return null;
    }

    private void run(List<Job> batch) {
        long now = System.nanoTime();
        List<Job> live = new ArrayList<>(batch.size());
        for (Job job : batch) {
            if (now - job.arrivalNanos > settings.timeout().toNanos()) {
                job.finish(timeout());
            } else {
                live.add(job);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        int rows = 0;
        for (Job job : live) {
            rows += job.rows;
        }
        long start = System.nanoTime();
        try {
            List<Tensor> outputs = runtime.infer(join(live));
            split(live, outputs);
        } catch (GyreException e) {
            if (live.size() > 1 && e.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
                live.forEach(this::runAlone);
            } else {
                live.forEach(job -> job.finish(e));
            }
        } catch (RuntimeException | Error e) {
            GyreException failure = new GyreException(ErrorCode.INTERNAL_ERROR, "the model failed to score: " + e, e);
            live.forEach(job -> job.finish(failure));
        } finally {
            observer.batchRan(live.size(), rows, System.nanoTime() - start);
        }
    }

    private void runAlone(Job job) {
        try {
            job.finish(runtime.infer(job.inputs));
        } catch (GyreException e) {
            job.finish(e);
        } catch (RuntimeException | Error e) {
            job.finish(new GyreException(ErrorCode.INTERNAL_ERROR, "the model failed to score: " + e, e));
        }
    }

    private static List<Tensor> join(List<Job> jobs) {
        if (jobs.size() == 1) {
            return jobs.getFirst().inputs;
        }
        List<Tensor> first = jobs.getFirst().inputs;
        List<Tensor> joined = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Tensor model = first.get(i);
            List<TensorData> parts = new ArrayList<>(jobs.size());
            long rows = 0;
            for (Job job : jobs) {
                Tensor part = job.inputs.get(i);
                parts.add(part.data());
                rows += part.rows();
            }
            long[] shape = model.shape().clone();
            shape[0] = rows;
            joined.add(new Tensor(model.name(), model.datatype(), shape, TensorData.concat(parts), model.parameters()));
        }
        return joined;
    }

    private static void split(List<Job> jobs, List<Tensor> outputs) {
        if (jobs.size() == 1) {
            jobs.getFirst().finish(outputs);
            return;
        }
        int from = 0;
        for (Job job : jobs) {
            int to = from + job.rows;
            List<Tensor> own = new ArrayList<>(outputs.size());
            for (Tensor output : outputs) {
                own.add(output.rows(from, to));
            }
            job.finish(own);
            from = to;
        }
    }

    private GyreException timeout() {
        return new GyreException(
                ErrorCode.DEADLINE_EXCEEDED,
                "the request timed out after " + settings.timeout().toMillis() + " ms (counted from its arrival)");
    }

    /** One request in the queue. {@code state}: null while waiting, {@link #LEAD}, then its outputs or failure. */
    private static final class Job {
        static final Object LEAD = new Object();

        final List<Tensor> inputs;
        final int rows;
        final long arrivalNanos;
        final Thread thread;
        volatile Object state;

        Job(List<Tensor> inputs, long arrivalNanos, Thread thread) {
            this.inputs = inputs;
            this.rows = inputs.isEmpty() ? 0 : inputs.getFirst().rows();
            this.arrivalNanos = arrivalNanos;
            this.thread = thread;
        }

        /** Whether this job's tensors can be stacked with {@code other}'s: same names, types and trailing dimensions. */
        boolean joinsWith(Job other) {
            if (inputs.size() != other.inputs.size()) {
                return false;
            }
            for (int i = 0; i < inputs.size(); i++) {
                Tensor mine = inputs.get(i);
                Tensor theirs = other.inputs.get(i);
                if (!mine.name().equals(theirs.name())
                        || mine.datatype() != theirs.datatype()
                        || !Arrays.equals(
                                mine.shape(), 1, mine.shape().length, theirs.shape(), 1, theirs.shape().length)) {
                    return false;
                }
            }
            return true;
        }

        boolean answered() {
            Object outcome = state;
            return outcome != null && outcome != LEAD;
        }

        void finish(Object outcome) {
            state = outcome;
            if (thread != Thread.currentThread()) {
                LockSupport.unpark(thread);
            }
        }

        @SuppressWarnings("unchecked")
        List<Tensor> outcome() {
            Object outcome = state;
            if (outcome instanceof GyreException e) {
                throw e;
            }
            return (List<Tensor>) outcome;
        }
    }
}
