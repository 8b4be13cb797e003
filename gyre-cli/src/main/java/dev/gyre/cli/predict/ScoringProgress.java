package dev.gyre.cli.predict;

import dev.gyre.cli.output.StatusLine;
import dev.gyre.data.read.ReadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress line of {@code gyre predict} on stderr, drawn by a {@link StatusLine} like the data commands' one
 * (redrawn in place a few times a second, so scoring never waits for the terminal, and erased on {@link #close}). It follows the three phases of a run: DuckDB parsing
 * the input, rows scored out of the total, and the output file being written. A disabled progress draws nothing.
 */
final class ScoringProgress implements AutoCloseable {

    private enum Phase {
        READING,
        SCORING,
        WRITING
    }

    private final String input;
    private final String output;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.READING);
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong parsedPercent = new AtomicLong(-1);
    private final StatusLine status;
    private volatile long totalRows = -1;
    private volatile long scoringStartNanos;

    private ScoringProgress(PrintWriter err, boolean enabled, String input, String output) {
        this.input = input;
        this.output = output;
        this.status = StatusLine.start(err, enabled, this::line);
    }

    /** Starts the line when {@code enabled}; {@code input} and {@code output} are the file names shown. */
    static ScoringProgress start(PrintWriter err, boolean enabled, String input, String output) {
        return new ScoringProgress(err, enabled, input, output);
    }

    /** How far DuckDB got parsing the input; polls DuckDB only when the line is drawn. */
    ReadProgress readProgress() {
        return !status.enabled()
                ? ReadProgress.NONE
                : (stage, percentage, rowsProcessed, rows) -> {
                    if (stage == ReadProgress.Stage.LOADING) {
                        parsedPercent.accumulateAndGet((long) Math.floor(percentage), Math::max);
                    }
                };
    }

    /** Scoring begins: {@code rows} to score in all (negative when unknown). */
    void scoring(long rows) {
        totalRows = rows;
        scoringStartNanos = System.nanoTime();
        phase.set(Phase.SCORING);
    }

    /** {@code rows} more rows were scored. */
    void scored(long rows) {
        scored.addAndGet(rows);
    }

    /** Every row is scored; the output file is being written. */
    void writing() {
        phase.set(Phase.WRITING);
    }

    /** The current line, without the carriage return. */
    String line() {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder();
        switch (phase.get()) {
            case READING -> {
                line.append("reading ").append(input);
                long percent = parsedPercent.get();
                if (percent >= 0) {
                    line.append(" · parsing ").append(Math.min(100, percent)).append('%');
                }
            }
            case SCORING -> {
                long rows = scored.get();
                long total = totalRows;
                line.append("scoring ").append(input).append(": ");
                line.append(String.format(Locale.ROOT, "%,d", rows));
                if (total >= 0) {
                    line.append(String.format(Locale.ROOT, "/%,d rows", total));
                    if (total > 0) {
                        line.append(String.format(Locale.ROOT, " (%.0f%%)", Math.floor(100.0 * rows / total)));
                    }
                } else {
                    line.append(" rows");
                }
                double seconds = (now - scoringStartNanos) / 1e9;
                if (seconds > 0 && rows > 0) {
                    line.append(" · ").append(StatusLine.rate(rows / seconds)).append(" rows/s");
                }
            }
            case WRITING -> line.append("writing ").append(output);
        }
        return line.append(String.format(Locale.ROOT, " · %.1f s", (now - startNanos) / 1e9))
                .toString();
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        status.close();
    }
}
