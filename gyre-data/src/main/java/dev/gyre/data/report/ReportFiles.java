package dev.gyre.data.report;

import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report so that readers never see half a file: to a temporary file in the target's folder, then moved
 * over the target (atomically where the file system can), so a report open in a browser is replaced, not truncated.
 */
public final class ReportFiles {

    private ReportFiles() {}

    /** Writes {@code html} (UTF-8) to {@code target}, creating its folder; returns the absolute path written. */
    public static Path write(Path target, String html) {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return absolute;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw GyreException.invalid("cannot write report " + target + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the write failure is the one worth reporting
        }
    }
}
