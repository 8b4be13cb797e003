package dev.gyre.server;

import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.ArtifactStore;

/** A running Gyre HTTP server; {@link #close()} stops it (it does not close the stores it was given). */
public interface GyreServer extends AutoCloseable {

    /** Where and how to listen. Port 0 picks a free port. */
    record Options(String host, int port) {
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port);
        }
    }

    /** The port actually bound. */
    int port();

    /** The base URL, e.g. {@code http://127.0.0.1:5000}. */
    default String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    String host();

    @Override
    void close();

    /** Starts the server and returns once it accepts connections. */
    static GyreServer start(Options options, MetadataStores stores, ArtifactStore artifacts) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
