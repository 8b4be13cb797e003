package dev.gyre.server.api;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.Run;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.http.PercentDecoding;
import dev.gyre.server.json.MlflowWire;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.TrackingStore;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.store.artifact.ArtifactStore;
import dev.gyre.store.artifact.ArtifactStore.FileInfo;
import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The artifact endpoints: MLflow's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/<path>}: PUT uploads,
 * GET downloads, DELETE deletes, GET on the bare collection lists) streamed to and from the {@link ArtifactStore},
 * and the tracking API's {@code artifacts/list}, which resolves a run's {@code mlflow-artifacts:} URI. Every path
 * is checked before the store sees it; the store checks again.
 */
public final class ArtifactHandlers {

    /** The scheme of run artifact URIs that this server proxies. */
    public static final String PROXY_SCHEME = ArtifactPaths.PROXY_SCHEME;

    private static final Set<String> LIST_PROXY = Set.of("path");
    private static final Set<String> LIST_RUN = Set.of("run_id", "run_uuid", "path", "page_token");
    private static final int COPY_BUFFER = 64 * 1024;

    private final ArtifactStore artifacts;
    private final TrackingStore tracking;
    private final long maxUploadBytes;

    public ArtifactHandlers(ArtifactStore artifacts, TrackingStore tracking, long maxUploadBytes) {
        this.artifacts = artifacts;
        this.tracking = tracking;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Registers the proxy under {@code …/2.0/mlflow-artifacts/}. */
    public void registerProxy(ApiRoutes routes) {
        routes.addPrefix(Method.PUT, "artifacts/", this::upload)
                .addPrefix(Method.GET, "artifacts/", this::download)
                .addPrefix(Method.DELETE, "artifacts/", this::delete)
                .get("artifacts", this::listProxy);
    }

    /** Registers {@code artifacts/list} under {@code …/2.0/mlflow/}. */
    public void registerTracking(ApiRoutes routes) {
        routes.get("artifacts/list", this::listRun);
    }

    private void upload(ApiExchange ex) throws IOException {
        String path = proxyPath(ex);
        if (path.isEmpty()) {
            throw GyreException.invalid("An artifact upload needs a file path.");
        }
        try (InputStream body = ex.body(maxUploadBytes)) {
            artifacts.write(path, body);
        }
        ex.sendEmptyJson();
    }

    private void download(ApiExchange ex) throws IOException {
        String path = proxyPath(ex);
        String name = path.substring(path.lastIndexOf('/') + 1);
        try (InputStream in = artifacts.read(path)) {
            byte[] buffer = new byte[COPY_BUFFER];
            int first = in.read(buffer);
            try (OutputStream out = ex.stream(contentType(name), safeFileName(name))) {
                if (first > 0) {
                    out.write(buffer, 0, first);
                    in.transferTo(out);
                }
            }
        }
    }

    private void delete(ApiExchange ex) {
        String path = proxyPath(ex);
        if (path.isEmpty()) {
            throw GyreException.invalid("Refusing to delete the artifact root.");
        }
        artifacts.delete(path);
        ex.sendEmptyJson();
    }

    private void listProxy(ApiExchange ex) {
        RequestFields f = ex.fields(LIST_PROXY);
        String path = f.has("path") ? ArtifactPaths.normalize(f.optionalString("path")) : "";
        List<FileInfo> files = artifacts.list(path);
        ex.sendJson(g -> {
            if (!files.isEmpty()) {
                g.writeArrayFieldStart("files");
                for (FileInfo file : files) {
                    MlflowWire.fileInfo(g, baseName(file.path()), file);
                }
                g.writeEndArray();
            }
        });
    }

    private void listRun(ApiExchange ex) {
        RequestFields f = ex.fields(LIST_RUN);
        String runId = f.requiredRunId();
        String requested = f.optionalString("path");
        String relative = requested == null ? "" : ArtifactPaths.normalize(requested);
        Run run = tracking.getRun(runId);
        String rootUri = run.info().artifactUri();
        String root = ArtifactPaths.proxiedRoot(rootUri);
        List<FileInfo> files = artifacts.list(relative.isEmpty() ? root : root + "/" + relative);
        ex.sendJson(g -> {
            g.writeStringField("root_uri", rootUri);
            if (!files.isEmpty()) {
                g.writeArrayFieldStart("files");
                for (FileInfo file : files) {
                    String name = baseName(file.path());
                    MlflowWire.fileInfo(g, relative.isEmpty() ? name : relative + "/" + name, file);
                }
                g.writeEndArray();
            }
        });
    }

    /** The proxy path, percent-decoded once as a URL path is, then checked like every artifact path. */
    private static String proxyPath(ApiExchange ex) {
        return ArtifactPaths.normalize(PercentDecoding.path(ex.pathRemainder()));
    }

    private static String baseName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Guesses like MLflow: known text formats as text, the rest by extension, else octet-stream. */
    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("mlmodel")
                || lower.equals("mlproject")
                || lower.endsWith(".yaml")
                || lower.endsWith(".yml")
                || lower.endsWith(".txt")
                || lower.endsWith(".log")
                || lower.endsWith(".md")
                || lower.endsWith(".py")) {
            return "text/plain";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed == null ? "application/octet-stream" : guessed;
    }

    private static String safeFileName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '_' : c);
        }
        return out.toString();
    }
}
