package dev.gyre.server.api;

import dev.gyre.core.error.GyreException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks the URIs clients hand the server for later use — experiment artifact locations and model version
 * sources — against the path-traversal tricks used on MLflow: {@code ..} segments, also percent-encoded or
 * double-encoded (CVE-2023-1177, CVE-2023-2780, CVE-2024-1560), fragments and path parameters that hide them
 * from URI parsers (CVE-2023-6909, CVE-2024-1483), and local file sources outside the run's artifacts
 * (CVE-2023-1177).
 */
final class UriSafety {

    private static final int MAX_DECODE_ROUNDS = 10;

    private UriSafety() {}

    /** An experiment's {@code artifact_location}: no fragment, no path parameters, no traversal. */
    static void checkArtifactLocation(String location) {
        if (location == null || location.isEmpty()) {
            return;
        }
        String decoded = fullyDecode(location, "artifact_location");
        if (location.indexOf('#') >= 0
                || decoded.indexOf('#') >= 0
                || pathPart(decoded).indexOf(';') >= 0) {
            throw GyreException.invalid("'artifact_location' URL can't include fragments or params.");
        }
        if (hasTraversal(decoded)) {
            throw GyreException.invalid(
                    "Invalid artifact_location '" + location + "': relative path references ('..') are not allowed.");
        }
    }

    /**
     * A model version {@code source}: a local path is accepted only inside the artifact directory of the given
     * run, as MLflow does; any other URI must be free of relative references.
     */
    static void checkModelSource(String source, String runArtifactUri) {
        String decoded = fullyDecode(source, "source");
        if (isLocal(source)) {
            if (runArtifactUri != null && isLocal(runArtifactUri) && !hasTraversal(decoded)) {
                String root = trimSlash(localPath(fullyDecode(runArtifactUri, "artifact_uri")));
                String path = trimSlash(localPath(decoded));
                if (path.equals(root) || path.startsWith(root + "/")) {
                    return;
                }
            }
            throw GyreException.invalid("Invalid model version source: '" + source + "'. To use a local path as a"
                    + " model version source, the run_id request parameter has to be specified and the local path"
                    + " has to be contained within the artifact directory of the run specified by the run_id.");
        }
        if (decoded.indexOf('\0') >= 0 || hasTraversal(decoded) || decoded.indexOf('#') >= 0) {
            throw GyreException.invalid("Invalid model version source: '" + source + "'. If supplying a source as"
                    + " an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path"
                    + " must be provided without relative path references present. Please provide an absolute"
                    + " path.");
        }
    }

    /** True for a path with no scheme, or a {@code file:} URI. */
    static boolean isLocal(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 1) {
            return true; // no scheme, or a Windows drive letter
        }
        String scheme = uri.substring(0, colon);
        if (!scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            return true;
        }
        return scheme.toLowerCase(Locale.ROOT).equals("file");
    }

    private static String localPath(String uri) {
        String path = uri.regionMatches(true, 0, "file:", 0, 5) ? uri.substring(5) : uri;
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path.replaceAll("/+", "/");
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean hasTraversal(String decoded) {
        for (String segment : decoded.replace('\\', '/').split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String pathPart(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** Percent-decodes until stable, as MLflow's checks do, so double encoding cannot hide anything. */
    static String fullyDecode(String value, String field) {
        String current = value;
        for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
            String next;
            try {
                next = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return current; // a literal '%' that is not an escape
            }
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw GyreException.invalid("Invalid " + field + " '" + value + "': too many layers of percent-encoding.");
    }
}
