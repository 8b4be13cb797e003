package dev.gyre.train.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the code a project lives in, for the run's {@code mlflow.source.git.commit} tag and the model's
 * lineage, asked of {@code git} itself so that worktrees, packed refs and detached heads all answer correctly.
 * Outside a work tree, or without git installed, there is no commit to record.
 */
final class CodeVersion {

    private CodeVersion() {}

    static Optional<String> gitCommit(Path folder) {
        ProcessBuilder builder = new ProcessBuilder("git", "rev-parse", "HEAD")
                .directory(folder.toFile())
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String commit = new String(out, StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && commit.matches("[0-9a-f]{40,64}")
                    ? Optional.of(commit)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
