package dev.gyre.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MLflow's published artifact path-traversal attacks, each replayed against every {@link LocalArtifactStore}
 * operation. A canary directory beside the root holds a secret file: after each attack the secret must be
 * unchanged and nothing may exist outside the root but the canary.
 *
 * <p>Paths are given as the store receives them, i.e. after the HTTP layer decoded the URL once.
 */
class PathTraversalAttackTest {

    /** One attack form; {@code CANARY} in {@code path} stands for the canary's absolute path ({@code /tmp/…}). */
    record Attack(String cve, String form, String path) {
        @Override
        public String toString() {
            return cve + " " + form;
        }
    }

    static Stream<Attack> attacks() {
        return Stream.of(
                new Attack("CVE-2023-1177", "relative '..' out of the root", "../canary/secret.txt"),
                new Attack("CVE-2023-1177", "deep '..' to a system file", "../../../../../../../../etc/passwd"),
                new Attack("CVE-2023-2356", "'..' after a valid prefix", "1/abc/artifacts/../../../../canary/pwned"),
                new Attack("CVE-2023-2356", "'./..' prefix", "./../canary/pwned"),
                new Attack("CVE-2023-2780", "backslash traversal", "..\\canary\\pwned"),
                new Attack("CVE-2023-2780", "leading backslash traversal", "\\..\\..\\canary\\pwned"),
                new Attack("CVE-2023-6018", "absolute path", "CANARY/pwned"),
                new Attack("CVE-2023-6018", "absolute path with double slash", "/CANARY/pwned"),
                new Attack("CVE-2023-6831", "percent-encoded dots", "1/abc/artifacts/%2E%2E/%2E%2E/%2E%2E/canary"),
                new Attack("CVE-2023-6831", "percent-encoded backslash", "%2e%2e%5ccanary%5cpwned"),
                new Attack("CVE-2023-6831", "percent-encoded slash", "..%2fcanary%2fpwned"),
                new Attack("CVE-2024-1560", "double-encoded dots and slash", "%252E%252E%252Fcanary%252Fpwned"),
                new Attack("CVE-2024-1560", "triple-encoded dots", "%25252e%25252e/canary/pwned"),
                new Attack("CVE-2023-6909", "'#' fragment hiding '..'", "x#/../../canary/pwned"),
                new Attack("CVE-2024-1483", "'#' in place of '?'", "model#/../../../canary"),
                new Attack("CVE-2024-1483", "encoded '#'", "model%23/../../canary"),
                new Attack("CVE-2024-2928", "'?' query hiding '..'", "x?/../../canary/pwned"),
                new Attack("CVE-2024-2928", "fragment of an absolute URI", "http:///#/../../canary"),
                new Attack("CVE-2024-3573", "file: URI", "file://CANARY/pwned"),
                new Attack("CVE-2024-3573", "file: URI without authority", "file:CANARY/secret.txt"),
                new Attack("CVE-2024-3573", "empty authority '//'", "//proc/self/root/etc/passwd"),
                new Attack("CVE-2024-1593", "';' path parameter", "..;/canary/pwned"),
                new Attack("CVE-2024-1593", "';' hiding '..'", "x;/../../canary/pwned"),
                new Attack("windows", "drive letter with backslash", "C:\\canary\\pwned"),
                new Attack("windows", "drive letter with slash", "C:/canary/pwned"),
                new Attack("windows", "UNC share", "\\\\server\\share\\pwned"),
                new Attack("nul", "NUL byte truncation", "pwned.txt\u0000.json"),
                new Attack("nul", "encoded NUL byte", "pwned.txt%00.json"),
                new Attack("control", "newline (log forging)", "a\nb"),
                new Attack("utf-8", "overlong encoded dots", "%c0%ae%c0%ae/canary/pwned"),
                new Attack("empty", "empty segment", "a//b"));
    }

    @TempDir
    Path temp;

    private Path canary;
    private LocalArtifactStore store;

    @BeforeEach
    void setUp() throws IOException {
        canary = Files.createDirectories(temp.resolve("canary"));
        Files.writeString(canary.resolve("secret.txt"), "secret");
        store = new LocalArtifactStore(temp.resolve("root"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyOperationRefusesTheAttack(Attack attack) throws IOException {
        String attackPath = attack.path().replace("CANARY", canary.toString());

        assertInvalid(() -> store.write(attackPath, bytes("pwned")));
        assertInvalid(() -> store.read(attackPath));
        assertInvalid(() -> store.list(attackPath));
        assertInvalid(() -> store.delete(attackPath));

        assertNothingEscaped();
    }

    @Test
    void writingThroughALinkedDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(store.root().resolve("link"), canary);

        assertInvalid(() -> store.write("link/pwned", bytes("pwned")));
        assertInvalid(() -> store.write("link/sub/pwned", bytes("pwned")));
        assertInvalid(() -> store.read("link/secret.txt"));
        assertInvalid(() -> store.list("link"));
        assertInvalid(() -> store.delete("link/secret.txt"));
        assertNothingEscaped();
    }

    @Test
    void aLinkedFileOutsideTheRootCannotBeReadNorOverwrittenThrough() throws IOException {
        Files.createSymbolicLink(store.root().resolve("secret.txt"), canary.resolve("secret.txt"));

        assertInvalid(() -> store.read("secret.txt"));
        assertInvalid(() -> store.write("secret.txt", bytes("pwned")));
        assertThat(store.list("")).isEmpty();
        assertNothingEscaped();
    }

    @Test
    void deletingALinkedDirectoryTreeNeverDeletesTheTarget() throws IOException {
        Files.createDirectories(store.root().resolve("run"));
        Files.createSymbolicLink(store.root().resolve("run/escape"), canary);

        store.delete("run");

        assertThat(store.root().resolve("run")).doesNotExist();
        assertNothingEscaped();
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Files.createSymbolicLink(store.root().resolve("dangling"), temp.resolve("not-there"));

        assertInvalid(() -> store.write("dangling/pwned", bytes("pwned")));
        assertInvalid(() -> store.read("dangling"));
        assertThat(temp.resolve("not-there")).doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideTheRootIsFollowed() throws IOException {
        store.write("real/model.json", bytes("{}"));
        Files.createSymbolicLink(store.root().resolve("alias"), store.root().resolve("real"));

        try (var in = store.read("alias/model.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
    }

    private void assertNothingEscaped() throws IOException {
        assertThat(Files.readString(canary.resolve("secret.txt"))).isEqualTo("secret");
        assertThat(filesOutsideRoot()).containsExactly(Map.entry("canary/secret.txt", "secret"));
    }

    /** Every regular file under the temp directory but outside the root, with its content. */
    private Map<String, String> filesOutsideRoot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path root = temp.resolve("root");
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : all.filter(p -> !p.startsWith(root) && Files.isRegularFile(p))
                    .toList()) {
                files.put(temp.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
