package dev.gyre.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The mechanics every progress display shares: a line on stderr, redrawn in place ({@code \r}) at most {@value
 * #UPDATES_PER_SECOND} times a second by a daemon thread from whatever {@code line} answers, so the work never waits
 * for the terminal, and erased on {@link #close}, so only results remain. A disabled status line does nothing.
 */
public final class StatusLine implements AutoCloseable {

    static final int UPDATES_PER_SECOND = 4;

    private final PrintWriter err;
    private final Supplier<String> line;
    private final ScheduledExecutorService ticker;
    private int shownWidth;

    private StatusLine(PrintWriter err, Supplier<String> line, boolean enabled) {
        this.err = err;
        this.line = line;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("gyre-progress").daemon().factory());
            ticker.scheduleAtFixedRate(this::draw, 0, 1000 / UPDATES_PER_SECOND, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** Starts redrawing {@code line} when {@code enabled}. */
    public static StatusLine start(PrintWriter err, boolean enabled, Supplier<String> line) {
        return new StatusLine(err, line, enabled);
    }

    /** Whether anything is drawn. */
    public boolean enabled() {
        return ticker != null;
    }

    private synchronized void draw() {
        String text = line.get();
        int padding = Math.max(0, shownWidth - text.length());
        err.print("\r" + text + " ".repeat(padding));
        err.flush();
        shownWidth = text.length();
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

    /** A per-second rate as a short number: {@code 950}, {@code 12k}, {@code 1.3M}. */
    public static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
