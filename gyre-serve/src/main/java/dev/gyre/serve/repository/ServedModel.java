package dev.gyre.serve.repository;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model served under one name, whose version can change underneath (an alias moved): requests take a {@link
 * Lease} on whatever version is current, and a switch never fails or waits for one.
 */
public final class ServedModel {

    private final String name;
    private final ModelSource source;
    private final AtomicReference<ServedVersion> current = new AtomicReference<>();

    ServedModel(String name, ModelSource source) {
        this.name = name;
        this.source = source;
    }

    /** The name requests use. */
    public String name() {
        return name;
    }

    /** Where it is loaded from. */
    public ModelSource source() {
        return source;
    }

    /** The version serving now, or null before the first load. */
    public ServedVersion current() {
        return current.get();
    }

    /** A lease on the current version, to be closed when the request is answered. */
    public Lease lease() {
        while (true) {
            ServedVersion version = current.get();
            if (version == null) {
                throw new GyreException(ErrorCode.TEMPORARILY_UNAVAILABLE, "model '" + name + "' is not loaded yet");
            }
            if (version.tryAcquire()) {
                return new Lease(version);
            }
            // Retired between the read and the lease: the new version is already current.
        }
    }

    /** Makes {@code next} current and retires the version it replaces (closed once its last request is done). */
    void switchTo(ServedVersion next) {
        ServedVersion previous = current.getAndSet(next);
        if (previous != null) {
            previous.retire();
        }
    }

    /** Retires the current version (at shutdown). */
    void unload() {
        ServedVersion previous = current.getAndSet(null);
        if (previous != null) {
            previous.retire();
        }
    }

    /** A request's hold on a version; closing it lets a retired version be freed. */
    public static final class Lease implements AutoCloseable {
        private final ServedVersion version;
        private boolean closed;

        Lease(ServedVersion version) {
            this.version = version;
        }

        public ServedVersion version() {
            return version;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                version.release();
            }
        }
    }
}
