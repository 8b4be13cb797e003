package dev.gyre.cli.output;

import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.ReadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One updating progress line on stderr for long reads: rows read, rows per second, elapsed time and, where known, a
 * percentage. Until the first pass ends it shows how far DuckDB got parsing the file or running the first query
 * (the only sign of life during the seconds a large CSV takes to parse). It is drawn by a {@link StatusLine} (redrawn in place a few times a second, erased on {@link #close});
 * stdout is never touched, which keeps {@code --json} output clean. A disabled progress does nothing at all.
 */
public final class Progress implements AutoCloseable {

    private final String label;
    private final long knownRows;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Passes> passes = new AtomicReference<>(Passes.NONE);
    private final AtomicReference<Reading> reading = new AtomicReference<>();
    private final StatusLine status;

    /** How far the profiler got; {@code rowsKnownNanos} is when the rows were counted, for the rate. */
    private record Passes(long rows, int done, int total, long rowsKnownNanos) {
        static final Passes NONE = new Passes(0, 0, 0, 0);
    }

    /** The latest percentage DuckDB reported for the statement running now. */
    private record Reading(ReadProgress.Stage stage, double percentage) {}

    private Progress(PrintWriter err, String label, long knownRows, boolean enabled) {
        this.label = label;
        this.knownRows = knownRows;
        this.status = StatusLine.start(err, enabled, this::line);
    }

    /**
     * Starts a progress line when {@code enabled}.
     *
     * @param label what is being done, e.g. "profiling data.parquet"
     * @param knownRows the number of rows when known cheaply (Parquet metadata), else a negative number
     */
    public static Progress start(PrintWriter err, boolean enabled, String label, long knownRows) {
        return new Progress(err, label, knownRows, enabled);
    }

    /** A listener for {@link DatasetProfiler#profile(dev.gyre.data.read.DatasetSource, DatasetProfiler.Listener)}. */
    public DatasetProfiler.Listener profilerListener() {
        boolean enabled = status.enabled();
        return new DatasetProfiler.Listener() {
            @Override
            public void progress(long rows, int done, int total) {
                passes.updateAndGet(previous -> new Passes(
                        rows, done, total, previous.rows() == rows ? previous.rowsKnownNanos() : System.nanoTime()));
            }

            /** Only a drawn line asks DuckDB for its progress, so a disabled one costs no polling. */
            @Override
            public ReadProgress readProgress() {
                return enabled
                        ? (stage, percentage, rowsProcessed, totalRows) -> reading.set(new Reading(stage, percentage))
                        : ReadProgress.NONE;
            }
        };
    }

    /** The current line, without the carriage return. */
    String line() {
        long now = System.nanoTime();
        double seconds = (now - startNanos) / 1e9;
        Passes current = passes.get();
        StringBuilder line = new StringBuilder(label).append(": ");
        if (current.total() == 0) {
            line.append("reading");
            if (knownRows >= 0) {
                line.append(' ')
                        .append(String.format(Locale.ROOT, "%,d", knownRows))
                        .append(" rows");
            }
            Reading read = reading.get();
            if (read != null) {
                line.append(" · ")
                        .append(read.stage() == ReadProgress.Stage.LOADING ? "parsing" : "scanning")
                        .append(String.format(Locale.ROOT, " %.0f%%", Math.floor(read.percentage())));
            }
        } else {
            line.append(String.format(Locale.ROOT, "%,d rows read", current.rows()));
            double readSeconds = (current.rowsKnownNanos() - startNanos) / 1e9;
            if (readSeconds > 0) {
                line.append(" · ")
                        .append(StatusLine.rate(current.rows() / readSeconds))
                        .append(" rows/s");
            }
            line.append(String.format(
                    Locale.ROOT,
                    " · pass %d/%d (%.0f%%)",
                    current.done(),
                    current.total(),
                    100.0 * current.done() / current.total()));
        }
        return line.append(String.format(Locale.ROOT, " · %.1f s", seconds)).toString();
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        status.close();
    }
}
