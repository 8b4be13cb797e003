package dev.gyre.server;

import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real server on a loopback port over real stores: a SQL metadata store at {@code backendUri} (artifact root
 * {@code mlflow-artifacts:/}, so runs' artifacts go through the proxy) and a local artifact store in a fresh
 * temporary directory, which {@link #close()} removes.
 */
public record TestServer(GyreServer server, MetadataStores stores, Path artifactRoot, Path workDir)
        implements AutoCloseable {

    public static TestServer start(String backendUri) {
        return start(backendUri, GyreServer.Options.loopback(0));
    }

    public static TestServer start(String backendUri, GyreServer.Options options) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("gyre-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path artifactRoot = workDir.resolve("artifacts");
        MetadataStores stores = SqlMetadataStores.open(backendUri, "mlflow-artifacts:/");
        try {
            Files.createDirectories(artifactRoot);
            GyreServer server = GyreServer.start(options, stores, new LocalArtifactStore(artifactRoot));
            return new TestServer(server, stores, artifactRoot, workDir);
        } catch (IOException | RuntimeException e) {
            stores.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public HttpJson http() {
        return new HttpJson(server.baseUrl());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            stores.close();
            deleteTree(workDir);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
