package dev.gyre.cli.output;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --progress} / {@code --no-progress} option of the commands that read data. By default progress shows
 * only when stderr is a terminal, so logs and CI output never fill with redrawn lines.
 */
public final class ProgressOptions {

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress line on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    /** Whether to show progress: as asked, else when stderr is a terminal. */
    public boolean enabled() {
        return progress != null ? progress : stderrIsTerminal();
    }

    /**
     * Whether stderr is a terminal. Java can only ask about the console as a whole, which is false whenever stdout
     * is redirected ({@code --json > out.json}), so on Linux file descriptor 2 is asked directly.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null && System.console().isTerminal();
    }
}
