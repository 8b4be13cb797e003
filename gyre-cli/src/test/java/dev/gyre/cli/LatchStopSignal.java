package dev.gyre.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link StopSignal} a test pulls by hand, standing in for Ctrl-C. */
final class LatchStopSignal implements StopSignal {

    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void awaitStop() throws InterruptedException {
        waiting.countDown();
        stop.await();
    }

    @Override
    public void stopped() {
        released.countDown();
    }

    /** Waits until the command is serving and waiting for a stop. */
    boolean awaitServing(long seconds) throws InterruptedException {
        return waiting.await(seconds, TimeUnit.SECONDS);
    }

    /** Requests the stop and waits until the command released everything. */
    boolean stopAndAwaitRelease(long seconds) throws InterruptedException {
        stop.countDown();
        return released.await(seconds, TimeUnit.SECONDS);
    }
}
