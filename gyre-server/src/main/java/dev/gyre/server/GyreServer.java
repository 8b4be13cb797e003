package dev.gyre.server;

import dev.gyre.server.api.training.JobLimits;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.ArtifactStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A running Gyre HTTP server: an MLflow-compatible tracking server, model registry and artifact proxy, so that
 * existing MLflow clients work unchanged against it. {@link #close()} stops it and its training jobs, waiting
 * briefly for a running one (it does not close the stores it was given).
 */
public interface GyreServer extends AutoCloseable {

    /**
     * Where and how to listen, and how much a request may carry. Port 0 picks a free port.
     *
     * @param maxJsonBodyBytes the largest JSON request body accepted; larger ones get 413
     * @param maxArtifactBodyBytes the largest artifact upload accepted through the proxy; larger ones get 413
     * @param dataRoots the folders under which the data endpoints may read files; when empty, any path on a
     *     loopback host and none on any other (see {@link dev.gyre.server.api.data.DataPaths}); training jobs read
     *     their project files and data under the same roots
     * @param trainingJobs how many training jobs run at once and how many more may wait ({@link JobLimits#DEFAULT}:
     *     one running, 16 waiting)
     */
    record Options(
            String host,
            int port,
            long maxJsonBodyBytes,
            long maxArtifactBodyBytes,
            List<Path> dataRoots,
            JobLimits trainingJobs) {

        /** 64 MiB: far above what MLflow clients send (log-batch is capped at 1 MB by MLflow itself). */
        public static final long DEFAULT_MAX_JSON_BODY_BYTES = 64L * 1024 * 1024;

        /** 5 GiB: model files can be large, and uploads are streamed, never buffered. */
        public static final long DEFAULT_MAX_ARTIFACT_BODY_BYTES = 5L * 1024 * 1024 * 1024;

        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + port);
            }
            if (maxJsonBodyBytes <= 0 || maxArtifactBodyBytes <= 0) {
                throw new IllegalArgumentException("body size limits must be positive");
            }
            dataRoots = List.copyOf(dataRoots);
            Objects.requireNonNull(trainingJobs, "trainingJobs");
        }

        public Options(String host, int port, long maxJsonBodyBytes, long maxArtifactBodyBytes, List<Path> dataRoots) {
            this(host, port, maxJsonBodyBytes, maxArtifactBodyBytes, dataRoots, JobLimits.DEFAULT);
        }

        public Options(String host, int port, long maxJsonBodyBytes, long maxArtifactBodyBytes) {
            this(host, port, maxJsonBodyBytes, maxArtifactBodyBytes, List.of());
        }

        public Options(String host, int port) {
            this(host, port, DEFAULT_MAX_JSON_BODY_BYTES, DEFAULT_MAX_ARTIFACT_BODY_BYTES);
        }

        /** Listens on 127.0.0.1 only: exposing the server is an explicit choice. */
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port);
        }

        public Options withMaxJsonBodyBytes(long bytes) {
            return new Options(host, port, bytes, maxArtifactBodyBytes, dataRoots, trainingJobs);
        }

        public Options withMaxArtifactBodyBytes(long bytes) {
            return new Options(host, port, maxJsonBodyBytes, bytes, dataRoots, trainingJobs);
        }

        public Options withDataRoots(List<Path> roots) {
            return new Options(host, port, maxJsonBodyBytes, maxArtifactBodyBytes, roots, trainingJobs);
        }

        public Options withTrainingJobs(JobLimits limits) {
            return new Options(host, port, maxJsonBodyBytes, maxArtifactBodyBytes, dataRoots, limits);
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
        return HelidonGyreServer.start(options, stores, artifacts);
    }
}
