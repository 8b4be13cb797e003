package dev.gyre.cli;

/**
 * Tells a long-running command when to stop. In the real process that is SIGTERM or Ctrl-C (a JVM shutdown
 * hook); in tests it is whatever the test decides. The command calls {@link #awaitStop()}, releases what it
 * holds, then calls {@link #stopped()} so that the shutdown can complete.
 */
public interface StopSignal {

    /** Blocks until a stop is requested. */
    void awaitStop() throws InterruptedException;

    /** The command has released everything; a pending shutdown may proceed. */
    void stopped();
}
