package dev.gyre.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Gyre's version and the MLflow version whose REST API it speaks, read from the build-filtered
 * {@code version.properties}.
 */
public record ServerVersion(String gyre, String mlflowApi) {

    public static ServerVersion load() {
        Properties p = new Properties();
        try (InputStream in = ServerVersion.class.getResourceAsStream("/dev/gyre/server/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String gyre = p.getProperty("gyre.version", "unknown");
        return new ServerVersion(
                gyre.startsWith("${") ? "unknown" : gyre, p.getProperty("mlflow.api.version", "2.17.2"));
    }
}
