package dev.gyre.cli.predict;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.InputValidator;
import dev.gyre.serve.runtime.ModelRuntime;
import dev.gyre.serve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Scores chunks as the prediction server scores requests: the inputs built by the {@link InputPlan}, checked by the
 * server's {@link InputValidator} against the model's metadata and scored by {@link ModelRuntime#infer}, whose models
 * use one native thread per call. Batch scoring gets its parallelism the way the server does, from several calls at
 * once: a chunk is cut into up to {@code threads} parts of at least {@value #MIN_PART_ROWS} rows, scored
 * concurrently while the next chunk is read, and their outputs appended in row order. A failing part fails the run
 * with the lowest failing row, once every part in flight has finished (none still holds the model).
 */
final class BatchScorer implements AutoCloseable {

    /** Parts smaller than this are not worth a thread of their own. */
    static final int MIN_PART_ROWS = 256;

    private final ModelRuntime runtime;
    private final InputPlan plan;
    private final ScoredOutput output;
    private final ScoringProgress progress;
    private final String inputName;
    private final int threads;
    private final ExecutorService pool;
    private InFlight inFlight;

    BatchScorer(
            ModelRuntime runtime,
            InputPlan plan,
            ScoredOutput output,
            ScoringProgress progress,
            String inputName,
            int threads) {
        this.runtime = runtime;
        this.plan = plan;
        this.output = output;
        this.progress = progress;
        this.inputName = inputName;
        this.threads = threads;
        this.pool = threads > 1
                ? Executors.newFixedThreadPool(threads, runnable -> {
                    Thread thread = new Thread(runnable, "gyre-predict");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    /**
     * Scores one chunk and appends its outputs to the output. With more than one thread the chunk's parts are only
     * started here, and the previous chunk's outputs appended, so that reading the next chunk overlaps scoring this
     * one; {@link #finish} appends the last.
     */
    void score(Chunk chunk) {
        if (pool == null) {
            output.append(scorePart(chunk, 0, chunk.size()));
            progress.scored(chunk.size());
            return;
        }
        int parts = Math.max(1, Math.min(threads, chunk.size() / MIN_PART_ROWS));
        List<Future<List<Tensor>>> futures = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) chunk.size() * p / parts);
            int to = (int) ((long) chunk.size() * (p + 1) / parts);
            futures.add(pool.submit(() -> scorePart(chunk, from, to)));
        }
        InFlight previous = inFlight;
        inFlight = new InFlight(chunk.size(), futures);
        if (previous != null) {
            complete(previous);
        }
    }

    /** Appends the outputs of the chunk still being scored, if any; call once every chunk was given. */
    void finish() {
        InFlight last = inFlight;
        inFlight = null;
        if (last != null) {
            complete(last);
        }
    }

    /** A chunk whose parts are being scored. */
    private record InFlight(int rows, List<Future<List<Tensor>>> parts) {}

    /** Waits for a chunk's parts and appends their outputs in order; on failure, waits for every part in flight. */
    private void complete(InFlight chunk) {
        List<List<Tensor>> results = new ArrayList<>(chunk.parts().size());
        RuntimeException failure = null;
        for (Future<List<Tensor>> future : chunk.parts()) {
            try {
                results.add(awaitUninterruptibly(future));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            InFlight next = inFlight;
            inFlight = null;
            if (next != null) {
                for (Future<List<Tensor>> future : next.parts()) {
                    try {
                        awaitUninterruptibly(future);
                    } catch (RuntimeException later) {
                        // the earlier chunk's failure is the one reported
                    }
                }
            }
            throw failure;
        }
        results.forEach(output::append);
        progress.scored(chunk.rows());
    }

    /** The outputs of rows {@code [from, to)} of {@code chunk}. */
    private List<Tensor> scorePart(Chunk chunk, int from, int to) {
        List<Tensor> inputs = plan.tensors(chunk, from, to);
        try {
            return runtime.infer(InputValidator.validate(runtime.metadata(), inputs));
        } catch (GyreException e) {
            throw new GyreException(e.code(), rows(chunk, from, to) + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new GyreException(ErrorCode.INTERNAL_ERROR, rows(chunk, from, to) + "the model failed: " + e, e);
        }
    }

    private String rows(Chunk chunk, int from, int to) {
        long first = chunk.firstRow() + from + 1;
        long last = chunk.firstRow() + to;
        return inputName + (first == last ? " row " + first : " rows " + first + "-" + last) + ": ";
    }

    /** Waits for a part however often interrupted, so the model is never closed under a running part. */
    private static <T> T awaitUninterruptibly(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtimeException) {
                        throw runtimeException;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new GyreException(ErrorCode.INTERNAL_ERROR, "scoring failed: " + e.getCause(), e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for any chunk still being scored (a failed run's) and stops the threads. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        InFlight left = inFlight;
        inFlight = null;
        if (left != null) {
            for (Future<List<Tensor>> future : left.parts()) {
                try {
                    awaitUninterruptibly(future);
                } catch (RuntimeException e) {
                    // the run failed already; its own failure is the one reported
                }
            }
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
