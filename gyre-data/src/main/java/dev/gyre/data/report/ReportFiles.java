package dev.gyre.data.report;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a report so that readers never see half a file: to a temporary file in the target's folder, then moved
 * over the target (atomically where the file system can), so a report open in a browser is replaced, not truncated.
 */
public final class ReportFiles {

    private ReportFiles() {}

    /** Writes {@code html} (UTF-8) to {@code target}, creating its folder; returns the absolute path written. */
    public static Path write(Path target, String html) {
        try {
            return AtomicFiles.writeString(target, html);
        } catch (IOException e) {
            throw GyreException.invalid("cannot write report " + target + ": " + e.getMessage());
        }
    }
}
