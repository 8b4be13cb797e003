package dev.gyre.serve.repository;

import dev.gyre.serve.batch.BatchObserver;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.batch.DynamicBatcher;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.runtime.ModelRuntime;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of a served model, with its batcher and a count of the requests using it. A version replaced by
 * a hot reload is retired: it takes no new requests and is closed (native memory freed, downloaded files deleted) by
 * whichever of {@link #retire()} and the last {@link #release()} comes second, so no request ever scores on a closed
 * model and none is refused because of the switch.
 */
public final class ServedVersion {

    /** {@code leases} below zero: closed, no more leases. */
    private static final int CLOSED = -1;

    private final String version;
    private final ModelRuntime runtime;
    private final DynamicBatcher batcher;
    private final Path temporaryFolder;
    private final long loadMillis;
    private final AtomicInteger leases = new AtomicInteger();
    private volatile boolean retired;

    ServedVersion(LoadedVersion loaded, BatchSettings settings, BatchObserver observer, long loadMillis) {
        this.version = loaded.version();
        this.runtime = loaded.runtime();
        this.temporaryFolder = loaded.temporaryFolder();
        this.batcher = new DynamicBatcher(runtime, settings, observer);
        this.loadMillis = loadMillis;
    }

    /** The version label. */
    public String version() {
        return version;
    }

    /** What the model takes and gives. */
    public ModelMetadata metadata() {
        return runtime.metadata();
    }

    /** The model itself, for protocol-specific needs (e.g. a package's manifest). */
    public ModelRuntime runtime() {
        return runtime;
    }

    /** Where requests for this version are queued and scored. */
    public DynamicBatcher batcher() {
        return batcher;
    }

    /** How long loading and warming up took. */
    public long loadMillis() {
        return loadMillis;
    }

    /** Takes a lease; false when the version is retired and closing (the caller looks up the current one again). */
    public boolean tryAcquire() {
        while (true) {
            int current = leases.get();
            if (current == CLOSED || retired && current == 0) {
                return false;
            }
            if (leases.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives a lease back; closes the version if it is retired and this was the last lease. */
    public void release() {
        if (leases.decrementAndGet() == 0 && retired) {
            closeIfUnused();
        }
    }

    /** Takes no more leases from now on and closes as soon as none is held. */
    public void retire() {
        retired = true;
        closeIfUnused();
    }

    /** Whether the version has been closed. */
    boolean closed() {
        return leases.get() == CLOSED;
    }

    private void closeIfUnused() {
        if (leases.compareAndSet(0, CLOSED)) {
            try {
                runtime.close();
            } finally {
                ModelLoader.deleteFolder(temporaryFolder);
            }
        }
    }
}
