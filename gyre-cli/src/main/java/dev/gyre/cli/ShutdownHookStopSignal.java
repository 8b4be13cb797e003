package dev.gyre.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StopSignal} driven by the JVM's shutdown (SIGTERM, SIGINT/Ctrl-C): the hook asks the command to stop,
 * then waits — up to {@link #GRACE_SECONDS} — until the command has closed the server and the stores, because the
 * JVM halts as soon as its hooks return.
 */
final class ShutdownHookStopSignal implements StopSignal {

    static final long GRACE_SECONDS = 20;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void awaitStop() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "gyre-shutdown"));
        stopRequested.await();
    }

    @Override
    public void stopped() {
        released.countDown();
    }

    private void onShutdown() {
        stopRequested.countDown();
        try {
            released.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
