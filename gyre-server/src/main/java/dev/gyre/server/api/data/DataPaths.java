package dev.gyre.server.api.data;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files on the server's disk the data endpoints ({@code datasets/register}, {@code data/*}) may read: the
 * API must not let whoever reaches it read any file the server process can.
 *
 * <p>With data roots, a path is resolved to its real path (every symlink followed) and must lie under one of the
 * roots' real paths; a folder is also refused when any symlink inside it leads out. The real path is what is then
 * read, so a symlink cannot be re-pointed between the check and the read (a folder swapped for a symlink in that
 * window still can; roots should not be writable by untrusted users). A refusal is 403 {@code PERMISSION_DENIED} and
 * says the same whether the file exists or not.
 *
 * <p>Without data roots: a server bound to loopback ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) reads any
 * absolute path, the laptop default where only local users can call it; a server bound to any other address reads
 * none until the operator sets {@code --data-root}. Immutable and thread-safe.
 */
public final class DataPaths {

    private final List<Path> roots;
    private final String host;
    private final boolean loopback;

    private DataPaths(List<Path> roots, String host) {
        this.roots = List.copyOf(roots);
        this.host = host;
        this.loopback = isLoopback(host);
    }

    /**
     * @param roots the configured data roots; each must be an existing folder
     * @param host the address the server binds, deciding the default when {@code roots} is empty
     * @throws GyreException {@code INVALID_PARAMETER_VALUE} when a root is not an existing folder
     */
    public static DataPaths of(List<Path> roots, String host) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw GyreException.invalid("Data root " + root + " is not an existing folder.");
            }
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                throw GyreException.invalid("Cannot resolve data root " + root + ": " + e.getMessage());
            }
        }
        return new DataPaths(real, host);
    }

    /** The real paths of the configured roots, empty when none were configured. */
    public List<Path> roots() {
        return roots;
    }

    /** What the data endpoints may read, in one line for the operator (logged at start). */
    public String describe() {
        if (!roots.isEmpty()) {
            return "Data endpoints read files under "
                    + String.join(", ", roots.stream().map(Path::toString).toList());
        }
        return loopback
                ? "Data endpoints read any path (no --data-root, listening on loopback only)"
                : "Data endpoints read no files (no --data-root, listening on " + host + ")";
    }

    /**
     * The path to read for the request field {@code field}, whose value is {@code raw}.
     *
     * @throws GyreException 400 {@code INVALID_PARAMETER_VALUE} for a malformed or relative path, or a missing file
     *     under a root; 403 {@code PERMISSION_DENIED} for a path the server may not read
     */
    public Path resolve(String raw, String field) {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw GyreException.invalid("Invalid path '" + raw + "' in " + field + ": " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw GyreException.invalid(field + " must be absolute (it is read on the server), got '" + raw + "'");
        }
        return check(path);
    }

    /** As {@link #resolve} for a path already known to be absolute, e.g. a registered dataset's source. */
    public Path check(Path absolute) {
        if (roots.isEmpty()) {
            if (loopback) {
                return absolute.normalize();
            }
            throw new GyreException(
                    ErrorCode.PERMISSION_DENIED,
                    "Reading " + absolute + " is not allowed: the server listens on " + host
                            + ", beyond loopback, and no data roots are configured. Start it with"
                            + " --data-root DIR (or GYRE_DATA_ROOTS) to let the data endpoints read under DIR.");
        }
        Path real = realPathOrNull(absolute);
        if (real == null) {
            // Decide inside/outside on the longest part that exists, so a refusal never says whether the file is there.
            if (!isUnderRoot(existingPrefixReal(absolute))) {
                throw denied(absolute);
            }
            throw GyreException.invalid("no such file or folder: " + absolute);
        }
        if (!isUnderRoot(real)) {
            throw denied(absolute);
        }
        if (Files.isDirectory(real)) {
            requireNoLinkOut(real, absolute);
        }
        return real;
    }

    private GyreException denied(Path requested) {
        return new GyreException(
                ErrorCode.PERMISSION_DENIED,
                "Reading " + requested + " is not allowed: the server reads data only under its data roots ("
                        + String.join(", ", roots.stream().map(Path::toString).toList()) + ").");
    }

    private boolean isUnderRoot(Path real) {
        return roots.stream().anyMatch(real::startsWith);
    }

    /** Walks the folder through its symlinks: every link found must also resolve under a root. */
    private void requireNoLinkOut(Path folder, Path requested) {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            for (Iterator<Path> it = walk.iterator(); it.hasNext(); ) {
                Path entry = it.next();
                if (Files.isSymbolicLink(entry)) {
                    Path target = realPathOrNull(entry);
                    if (target == null || !isUnderRoot(target)) {
                        throw denied(requested);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw GyreException.invalid("cannot list " + requested + ": " + e.getMessage());
        }
    }

    /** The real path of the longest existing prefix of {@code path}, with the rest appended and normalised. */
    private static Path existingPrefixReal(Path path) {
        Path rest = path.getFileSystem().getPath("");
        for (Path prefix = path; prefix != null; prefix = prefix.getParent()) {
            Path real = realPathOrNull(prefix);
            if (real != null) {
                return real.resolve(rest).normalize();
            }
            rest = prefix.getFileName().resolve(rest);
        }
        return path.normalize();
    }

    private static Path realPathOrNull(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** Only address literals and {@code localhost} count: a host name is not resolved, so it is never trusted. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(bare).isLoopbackAddress();
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }
}
