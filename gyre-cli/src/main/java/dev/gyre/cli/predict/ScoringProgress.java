package dev.gyre.cli.predict;

import dev.gyre.data.read.ReadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress line of {@code gyre predict} on stderr, drawn like the data commands' one ({@code
 * dev.gyre.cli.output.Progress}): redrawn in place ({@code \r}) a few times a second by a daemon thread, so scoring
 * never waits for the terminal, and erased on {@link #close}. It follows the three phases of a run: DuckDB parsing
 * the input, rows scored out of the total, and the output file being written. A disabled progress draws nothing.
 */
final class ScoringProgress implements AutoCloseable {

    private static final int UPDATES_PER_SECOND = 4;

    private enum Phase {
        READING,
        SCORING,
        WRITING
    }

    private final PrintWriter err;
    private final String input;
    private final String output;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.READING);
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong parsedPercent = new AtomicLong(-1);
    private final ScheduledExecutorService ticker;
    private volatile long totalRows = -1;
    private volatile long scoringStartNanos;
    private int shownWidth;

    private ScoringProgress(PrintWriter err, boolean enabled, String input, String output) {
        this.err = err;
        this.input = input;
        this.output = output;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gyre-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 1000 / UPDATES_PER_SECOND, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** Starts the line when {@code enabled}; {@code input} and {@code output} are the file names shown. */
    static ScoringProgress start(PrintWriter err, boolean enabled, String input, String output) {
        return new ScoringProgress(err, enabled, input, output);
    }

    /** How far DuckDB got parsing the input; polls DuckDB only when the line is drawn. */
    ReadProgress readProgress() {
        return ticker == null
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
                    line.append(" · ").append(rate(rows / seconds)).append(" rows/s");
                }
            }
            case WRITING -> line.append("writing ").append(output);
        }
        return line.append(String.format(Locale.ROOT, " · %.1f s", (now - startNanos) / 1e9))
                .toString();
    }

    private synchronized void draw() {
        String line = line();
        int padding = Math.max(0, shownWidth - line.length());
        err.print("\r" + line + " ".repeat(padding));
        err.flush();
        shownWidth = line.length();
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
        }
    }

    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
