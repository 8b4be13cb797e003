package dev.gyre.server.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read policy on a real file tree with real symlinks. */
class DataPathsTest {

    @TempDir
    Path temp;

    private Path root;
    private Path inside;
    private Path outside;
    private DataPaths paths;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        inside = Files.writeString(root.resolve("in.csv"), "a\n1\n");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        outside = Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        paths = DataPaths.of(List.of(root), "0.0.0.0");
    }

    @Test
    void aFileUnderARootIsReadByItsRealPath() throws IOException {
        assertThat(paths.resolve(inside.toString(), "path")).isEqualTo(inside.toRealPath());
        assertThat(paths.resolve(root.toString(), "path")).isEqualTo(root.toRealPath());
    }

    @Test
    void aFileOutsideTheRootsIsRefusedNamingThePathAndTheRoots() throws IOException {
        assertDenied(outside.toString(), outside + " is not allowed");
        assertDenied(outside.toString(), "data roots (" + root.toRealPath() + ")");
    }

    @Test
    void dotDotCannotClimbOutOfARoot() {
        assertDenied(root + "/../elsewhere/secret.csv", "elsewhere/secret.csv");
        assertDenied(root + "/missing/../../elsewhere/secret.csv", "is not allowed");
    }

    @Test
    void aSymlinkInsideARootThatLeadsOutIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link.csv"), outside);
        Path linkedDir = Files.createSymbolicLink(root.resolve("linked-dir"), outside.getParent());

        assertDenied(link.toString(), "link.csv is not allowed");
        assertDenied(linkedDir + "/secret.csv", "is not allowed");
        // The OS resolves '..' after the link, so this is elsewhere/secret.csv, not root/elsewhere/secret.csv.
        assertDenied(linkedDir + "/../elsewhere/secret.csv", "is not allowed");
        assertThat(paths.resolve(linkedDir + "/../root/in.csv", "path")).isEqualTo(inside.toRealPath());
    }

    @Test
    void aFolderHidingALinkOutIsRefused() throws IOException {
        Path folder = Files.createDirectories(root.resolve("folder"));
        Files.writeString(folder.resolve("part-1.csv"), "a\n1\n");
        assertThat(paths.resolve(folder.toString(), "path")).isEqualTo(folder.toRealPath());

        Files.createSymbolicLink(folder.resolve("part-2.csv"), outside);

        assertDenied(folder.toString(), "folder is not allowed");
    }

    @Test
    void aSymlinkThatStaysInsideIsFollowed() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("alias.csv"), inside);

        assertThat(paths.resolve(link.toString(), "path")).isEqualTo(inside.toRealPath());
    }

    @Test
    void refusalsDoNotSayWhetherTheFileExists() throws IOException {
        String existing = message(outside.toString());
        String missing = message(outside.resolveSibling("missing.csv").toString());

        assertThat(missing).isEqualTo(existing.replace("secret.csv", "missing.csv"));
        assertThatThrownBy(() -> paths.resolve(root.resolve("nope.csv").toString(), "path"))
                .isInstanceOf(GyreException.class)
                .hasMessage("no such file or folder: " + root.resolve("nope.csv"));
    }

    @Test
    void relativeAndMalformedPathsAreBadRequests() {
        assertInvalid(
                () -> paths.resolve("in.csv", "'path' in the request"),
                "'path' in the request must be absolute (it is read on the server), got 'in.csv'");
        assertInvalid(() -> paths.resolve("/a\0b", "path"), "Invalid path");
    }

    @Test
    void withoutRootsLoopbackReadsAnyPathAndOtherAddressesNone() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost")) {
            assertThat(DataPaths.of(List.of(), host).resolve(outside.toString(), "path"))
                    .as(host)
                    .isEqualTo(outside);
        }
        for (String host : List.of("0.0.0.0", "::", "10.1.2.3", "gyre.example.com")) {
            assertThatThrownBy(() -> DataPaths.of(List.of(), host).resolve(outside.toString(), "path"))
                    .as(host)
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("listens on " + host)
                    .hasMessageContaining("--data-root")
                    .extracting(e -> ((GyreException) e).code())
                    .isEqualTo(ErrorCode.PERMISSION_DENIED);
        }
    }

    @Test
    void aRootThatIsNotAFolderStopsTheServerFromStarting() {
        assertInvalid(
                () -> DataPaths.of(List.of(temp.resolve("absent")), "127.0.0.1"),
                "Data root " + temp.resolve("absent") + " is not an existing folder.");
        assertInvalid(
                () -> DataPaths.of(List.of(inside), "127.0.0.1"),
                "Data root " + inside + " is not an existing folder.");
    }

    private String message(String raw) {
        try {
            paths.resolve(raw, "path");
        } catch (GyreException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + raw);
    }

    private void assertDenied(String raw, String messagePart) {
        assertThat(message(raw)).contains(messagePart);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }
}
