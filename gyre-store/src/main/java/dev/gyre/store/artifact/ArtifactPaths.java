package dev.gyre.store.artifact;

import dev.gyre.core.error.GyreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates artifact paths before any file-system call, so that no request can read, write or delete outside an
 * artifact root. MLflow was repeatedly attacked through its artifact paths (CVE-2023-1177, CVE-2023-2780,
 * CVE-2023-6018, CVE-2023-6831, CVE-2023-6909, CVE-2024-1483, CVE-2024-1560, CVE-2024-2928, CVE-2024-3573…);
 * each attack form is refused here with {@code INVALID_PARAMETER_VALUE}:
 *
 * <ul>
 *   <li>{@code ..} and {@code .} segments, empty segments ({@code //}), absolute paths ({@code /x}, {@code C:\x},
 *       {@code C:/x}, {@code \\server\share}) and URI schemes ({@code file:/etc});
 *   <li>backslashes, NUL and other control characters, {@code #} fragments, {@code ?} queries and {@code ;}
 *       path parameters (the characters MLflow's URI parsing was fooled with);
 *   <li>percent-encoded forms of all of the above, decoded repeatedly ({@code %2e%2e}, {@code %2f}, {@code %5c},
 *       double encoding {@code %252e}), and malformed UTF-8 in them (overlong {@code %c0%ae});
 *   <li>symbolic links whose real path leaves the root ({@link #resolveWithin(Path, String)}).
 * </ul>
 *
 * <p>Valid paths are relative, {@code /}-separated, and may end with one {@code /}; {@code ""} names the root.
 */
public final class ArtifactPaths {

    /** Longest accepted path, in characters; deeper trees are refused rather than failing half-way. */
    public static final int MAX_PATH_LENGTH = 1024;

    /** The URI scheme of artifacts the tracking server proxies into its artifact store. */
    public static final String PROXY_SCHEME = "mlflow-artifacts:";

    /** Longest accepted segment, in UTF-8 bytes: the usual file-name limit. */
    public static final int MAX_SEGMENT_BYTES = 255;

    /** Prefix of the store's temporary upload files; user paths may not use it. */
    static final String TEMP_PREFIX = ".gyre-upload-";

    /** How many rounds of percent-decoding are inspected; more layers than this are refused outright. */
    private static final int MAX_DECODE_ROUNDS = 4;

    private static final Pattern SCHEME_OR_DRIVE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    private ArtifactPaths() {}

    /**
     * Checks {@code path} and returns its segments ({@code []} for the root).
     *
     * @throws GyreException {@code INVALID_PARAMETER_VALUE} naming the path and the reason
     */
    public static List<String> segments(String path) {
        if (path == null) {
            throw invalid("null", "no path given");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw invalid(path, "longer than " + MAX_PATH_LENGTH + " characters");
        }
        String decoded = path;
        for (int round = 0; ; round++) {
            checkForm(path, decoded);
            String next = percentDecode(path, decoded);
            if (next.equals(decoded)) {
                break;
            }
            if (round == MAX_DECODE_ROUNDS) {
                throw invalid(path, "too many layers of percent-encoding");
            }
            decoded = next;
        }
        return split(path);
    }

    /** Checks {@code path} and returns it without a trailing {@code /}; {@code ""} for the root. */
    public static String normalize(String path) {
        return String.join("/", segments(path));
    }

    /**
     * Checks {@code path} and resolves it under {@code realRoot} (a real path, see {@link Path#toRealPath}),
     * refusing it when the real path of its deepest existing ancestor — or of the target itself when it exists —
     * lies outside the root, i.e. when a symbolic link inside the tree points out of it. Dangling links are
     * refused too. The returned path is lexical (links are not replaced), so renames replace a link, not its
     * target.
     */
    public static Path resolveWithin(Path realRoot, String path) {
        Path target = realRoot;
        for (String segment : segments(path)) {
            target = target.resolve(segment);
        }
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(realRoot)) {
            throw invalid(path, "outside the artifact root");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw invalid(path, "goes through a dangling symbolic link");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not resolve artifact path " + quote(path), e);
        }
        if (!real.startsWith(realRoot)) {
            throw invalid(path, "a symbolic link leads outside the artifact root");
        }
        return target;
    }

    private static void checkForm(String original, String candidate) {
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(original, "contains a control character");
            }
            switch (c) {
                case '\\' -> throw invalid(original, "contains a backslash");
                case '#' -> throw invalid(original, "contains '#' (a URI fragment)");
                case '?' -> throw invalid(original, "contains '?' (a URI query)");
                case ';' -> throw invalid(original, "contains ';' (a URI path parameter)");
                default -> {}
            }
        }
        if (candidate.startsWith("/")) {
            throw invalid(original, "is absolute");
        }
        if (SCHEME_OR_DRIVE.matcher(candidate).lookingAt()) {
            throw invalid(original, "starts with a drive letter or URI scheme");
        }
        if (!candidate.isEmpty()) {
            List<String> parts = splitKeepingEmpty(candidate);
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                boolean trailing = i == parts.size() - 1 && i > 0;
                if (part.isEmpty() && !trailing) {
                    throw invalid(original, "has an empty segment");
                }
                if (part.equals("..")) {
                    throw invalid(original, "contains '..'");
                }
                if (part.equals(".")) {
                    throw invalid(original, "contains '.'");
                }
                if (part.startsWith(TEMP_PREFIX)) {
                    throw invalid(original, "uses the reserved prefix " + TEMP_PREFIX);
                }
                if (part.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                    throw invalid(original, "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
                }
            }
        }
    }

    private static List<String> split(String path) {
        List<String> parts = splitKeepingEmpty(path);
        if (!parts.isEmpty() && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return List.copyOf(parts);
    }

    private static List<String> splitKeepingEmpty(String path) {
        List<String> parts = new ArrayList<>();
        if (path.isEmpty()) {
            return parts;
        }
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
        parts.add(path.substring(start));
        return parts;
    }

    /**
     * One round of percent-decoding as UTF-8. Text without a well-formed {@code %XX} is returned unchanged (a
     * literal {@code 100%.txt} is a fine name); well-formed escapes that decode to invalid UTF-8 are refused.
     */
    private static String percentDecode(String original, String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        boolean decodedAny = false;
        int literalStart = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
                bytes.writeBytes(s.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(Integer.parseInt(s, i + 1, i + 3, 16));
                decodedAny = true;
                i += 2;
                literalStart = i + 1;
            }
        }
        if (!decodedAny) {
            return s;
        }
        bytes.writeBytes(s.substring(literalStart).getBytes(StandardCharsets.UTF_8));
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(original, "percent-encoding does not decode to valid UTF-8");
        }
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }

    private static GyreException invalid(String path, String reason) {
        return GyreException.invalid("Invalid artifact path " + quote(path) + ": " + reason + ".");
    }

    /** Quotes a path for a message, escaping control characters so that it cannot forge log lines. */
    static String quote(String path) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(path.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < path.length()) {
            out.append("…");
        }
        return out.append('\'').toString();
    }

    /**
     * The store path of a proxied run artifact root such as {@code mlflow-artifacts:/1/<run>/artifacts} (or with an
     * authority, {@code mlflow-artifacts://host:port/1/…}); {@code GyreException.invalid} for any other URI.
     */
    public static String proxiedRoot(String artifactUri) {
        if (artifactUri == null || !artifactUri.regionMatches(true, 0, PROXY_SCHEME, 0, PROXY_SCHEME.length())) {
            throw GyreException.invalid("This server lists only artifacts it proxies (" + PROXY_SCHEME
                    + "…); the run's artifact URI is '" + artifactUri + "'.");
        }
        String rest = artifactUri.substring(PROXY_SCHEME.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return normalize(rest);
    }
}
