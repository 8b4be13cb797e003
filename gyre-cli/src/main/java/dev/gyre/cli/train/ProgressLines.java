package dev.gyre.cli.train;

import dev.gyre.train.run.TrainingJob;
import java.io.PrintWriter;

/**
 * What {@code gyre train} and {@code gyre tune} show on standard error while they work: one line per step, and on a
 * terminal a bar through the model's boosting rounds, redrawn in place ({@code \r}) and replaced by the next step.
 * Without a terminal (a pipe, a CI log) only the step lines are written, so logs stay readable. Standard output is
 * never touched, which keeps {@code --json} clean.
 */
final class ProgressLines implements TrainingJob.Listener {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final String command;
    private final boolean terminal;
    private boolean barShown;
    private int lastDrawn = -1;

    ProgressLines(PrintWriter err, String command, boolean terminal) {
        this.err = err;
        this.command = command;
        this.terminal = terminal;
    }

    @Override
    public synchronized void step(String message) {
        clearBar();
        err.println(command + ": " + message);
        err.flush();
    }

    @Override
    public synchronized void round(int round, int rounds) {
        if (!terminal || rounds <= 0) {
            return;
        }
        int filled = (int) ((long) round * BAR_WIDTH / rounds);
        if (filled == lastDrawn && round != rounds) {
            return;
        }
        lastDrawn = filled;
        err.print("\r" + command + ": [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] round " + round
                + "/" + rounds);
        err.flush();
        barShown = true;
    }

    /** Ends the bar's line, if one is shown; call before printing results. */
    synchronized void finish() {
        clearBar();
    }

    private void clearBar() {
        if (barShown) {
            err.println();
            barShown = false;
            lastDrawn = -1;
        }
    }
}
