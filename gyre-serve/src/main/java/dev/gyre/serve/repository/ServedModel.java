package dev.gyre.serve.repository;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.rollout.Rollout;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model served under one name, whose version can change underneath (an alias moved): requests take a {@link
 * Lease} on whatever version is current, and a switch never fails or waits for one.
 */
public final class ServedModel {

    private final String name;
    private final ModelSource source;
    private final AtomicReference<ServedVersion> current = new AtomicReference<>();
    private final AtomicReference<Rollout> rollout = new AtomicReference<>();

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

    /** The rollout in progress, or null. */
    public Rollout rollout() {
        return rollout.get();
    }

    /**
     * Starts sending traffic to {@code next}'s candidate; false when another rollout is in progress. For {@code
     * RolloutManager}, which owns the candidate's life.
     */
    public boolean beginRollout(Rollout next) {
        return rollout.compareAndSet(null, next);
    }

    /** Stops routing to {@code ended}'s candidate (its requests in flight finish). */
    public void endRollout(Rollout ended) {
        rollout.compareAndSet(ended, null);
    }

    /** Makes a version current (a promoted candidate) and retires the one it replaces. */
    public void promote(ServedVersion next) {
        switchTo(next);
    }

    /** A lease on the current version, to be closed when the request is answered. */
    public Lease lease() {
        return lease(null);
    }

    /**
     * A lease on the version that answers this request: the rollout's candidate when it routes the request there
     * ({@code routingKey} keeps an A/B user on one arm), else the current version.
     */
    public Lease lease(String routingKey) {
        Rollout active = rollout.get();
        if (active != null
                && active.routesToCandidate(routingKey)
                && active.candidate().tryAcquire()) {
            return new Lease(active.candidate(), active, true);
        }
        while (true) {
            ServedVersion version = current.get();
            if (version == null) {
                throw new GyreException(ErrorCode.TEMPORARILY_UNAVAILABLE, "model '" + name + "' is not loaded yet");
            }
            if (version.tryAcquire()) {
                return new Lease(version, active, false);
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
        private final Rollout rollout;
        private final boolean candidate;
        private boolean closed;

        Lease(ServedVersion version, Rollout rollout, boolean candidate) {
            this.version = version;
            this.rollout = rollout;
            this.candidate = candidate;
        }

        public ServedVersion version() {
            return version;
        }

        /** The rollout in progress when the lease was taken, or null. */
        public Rollout rollout() {
            return rollout;
        }

        /** Whether the request went to the rollout's candidate. */
        public boolean candidate() {
            return candidate;
        }

        /** The deployment arm, as the prediction log records it: {@code stable}, {@code canary} or {@code b}. */
        public String arm() {
            if (!candidate) {
                return "stable";
            }
            return rollout.start().mode() == dev.gyre.serve.rollout.RolloutMode.AB ? "b" : "canary";
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
