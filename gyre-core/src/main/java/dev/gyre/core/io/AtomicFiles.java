package dev.gyre.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files that readers may open at any moment (profiles, schemas, reports): to a temporary file in the same
 * folder, then renamed over the target, so a reader sees the old file or the new one, never half of one, and a
 * failed write leaves the old file intact. The new file gets the permissions a plain write would give it
 * ({@code rw-r--r--} less the process umask), not the owner-only mode of temporary files.
 */
public final class AtomicFiles {

    private static final String READABLE = "rw-r--r--";

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8 to {@code target}, creating its folder; returns the absolute path written. */
    public static Path writeString(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp", readable());
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return absolute;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] readable() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(READABLE))};
    }
}
