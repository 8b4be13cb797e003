package dev.gyre.store.artifact;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ArtifactStore} on the local file system, the default under {@code GYRE_HOME/artifacts}.
 *
 * <p>Every path goes through {@link ArtifactPaths} first. Writes go to a temporary file in the target's
 * directory, are forced to disk, then renamed over the target atomically, and the directory is forced too: a
 * reader sees the old file or the whole new one, a crash or failed upload leaves neither a partial target nor a
 * temporary file, and concurrent writers to one path leave exactly one writer's whole file. {@link #list} reports
 * each direct child by its name within the listed directory.
 */
public final class LocalArtifactStore implements ArtifactStore {

    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;

    /** Opens (and creates when missing) the artifact tree at {@code root}. */
    public LocalArtifactStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new GyreException(
                    ErrorCode.INTERNAL_ERROR, "Cannot use artifact root " + root + ": " + describe(e), e);
        }
    }

    /** The real path of the root. */
    public Path root() {
        return root;
    }

    @Override
    public long write(String path, InputStream content) {
        if (ArtifactPaths.segments(path).isEmpty()) {
            throw GyreException.invalid("Invalid artifact path '': cannot write to the artifact root itself.");
        }
        Path target = ArtifactPaths.resolveWithin(root, path);
        Path directory = target.getParent();
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw GyreException.invalid("Invalid artifact path " + ArtifactPaths.quote(path)
                    + ": a parent of it is a file, not a directory.");
        } catch (IOException e) {
            throw failure("write", path, e);
        }
        // The directories just created might have raced with a link being planted; check again.
        ArtifactPaths.resolveWithin(root, path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw GyreException.invalid("Invalid artifact path " + ArtifactPaths.quote(path) + ": it is a directory.");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, ArtifactPaths.TEMP_PREFIX, ".tmp");
            long written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                written = content.transferTo(out);
                channel.force(true);
            }
            moveAtomically(temp, target);
            temp = null;
            forceDirectory(directory);
            return written;
        } catch (IOException e) {
            throw failure("write", path, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public InputStream read(String path) {
        Path target = ArtifactPaths.resolveWithin(root, path);
        if (Files.isDirectory(target)) {
            throw GyreException.invalid("Invalid artifact path " + ArtifactPaths.quote(path) + ": it is a directory.");
        }
        try {
            return Files.newInputStream(target);
        } catch (NoSuchFileException e) {
            throw notFound(path);
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public List<FileInfo> list(String path) {
        Path directory = ArtifactPaths.resolveWithin(root, path);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<FileInfo> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(ArtifactPaths.TEMP_PREFIX)) {
                    continue;
                }
                describeChild(child, name).ifPresent(entries::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("list", path, e);
        }
        entries.sort(Comparator.comparing(FileInfo::path));
        return List.copyOf(entries);
    }

    @Override
    public void delete(String path) {
        if (ArtifactPaths.segments(path).isEmpty()) {
            throw GyreException.invalid("Invalid artifact path '': cannot delete the artifact root.");
        }
        Path target = ArtifactPaths.resolveWithin(root, path);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(path);
        }
        try {
            // walkFileTree does not follow links: a link is deleted, never what it points to.
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            throw notFound(path);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    /** A child as a listing entry; links are described by their target, and skipped when it leaves the root. */
    private Optional<FileInfo> describeChild(Path child, String name) throws IOException {
        Path resolved = child;
        if (Files.isSymbolicLink(child)) {
            try {
                resolved = child.toRealPath();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (!resolved.startsWith(root)) {
                return Optional.empty();
            }
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(resolved, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted while listing
        }
        return Optional.of(
                attributes.isDirectory()
                        ? new FileInfo(name, true, null)
                        : new FileInfo(name, false, attributes.size()));
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically: " + e.getMessage(), e);
        }
    }

    /** Makes the rename itself durable; file systems that cannot open directories (Windows) are skipped. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here; the rename is still atomic, only its durability on power loss is weaker.
        }
    }

    /** Best effort: the failure that got us here is the one worth reporting; listings hide leftovers anyway. */
    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing more can be done; the temporary name never collides with an artifact path.
        }
    }

    private static GyreException notFound(String path) {
        return GyreException.notFound("Artifact " + ArtifactPaths.quote(path) + " does not exist.");
    }

    private static GyreException failure(String action, String path, IOException e) {
        return new GyreException(
                ErrorCode.INTERNAL_ERROR,
                "Could not " + action + " artifact " + ArtifactPaths.quote(path) + ": " + describe(e),
                e);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
