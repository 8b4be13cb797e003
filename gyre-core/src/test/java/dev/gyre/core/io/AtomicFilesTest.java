package dev.gyre.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/profile.json");

        assertThat(AtomicFiles.writeString(target, "first")).isEqualTo(target.toAbsolutePath());
        AtomicFiles.writeString(target, "second");

        assertThat(Files.readString(target)).isEqualTo("second");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theFileIsReadableByOthersLikeAPlainWriteNotOwnerOnly() throws IOException {
        Path target = AtomicFiles.writeString(dir.resolve("schema.yaml"), "format: gyre.schema/v1\n");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x"); // what this process's umask gives

        assertThat(Files.getPosixFilePermissions(target))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        for (PosixFilePermission read :
                new PosixFilePermission[] {PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ}) {
            assertThat(Files.getPosixFilePermissions(target).contains(read))
                    .as(read.toString())
                    .isEqualTo(Files.getPosixFilePermissions(plain).contains(read));
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.html");
        AtomicFiles.writeString(target, "old");
        Files.createDirectories(dir.resolve("report.html.dir"));
        Files.writeString(dir.resolve("report.html.dir/keep"), "a non-empty folder cannot be replaced");

        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("report.html.dir"), "new"))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(Files.readString(dir.resolve("report.html.dir/keep"))).startsWith("a non-empty");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.html", "report.html.dir");
        }
    }
}
