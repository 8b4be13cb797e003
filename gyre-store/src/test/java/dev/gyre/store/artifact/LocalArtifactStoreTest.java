package dev.gyre.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.store.artifact.ArtifactStore.FileInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalArtifactStoreTest {

    @TempDir
    Path temp;

    private LocalArtifactStore store;

    @BeforeEach
    void setUp() {
        store = new LocalArtifactStore(temp.resolve("artifacts"));
    }

    @Test
    void createsTheRootWhenMissing() {
        assertThat(store.root()).isDirectory();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void roundTripsBytes() throws IOException {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }

        long written = store.write("1/run/artifacts/model/weights.bin", new ByteArrayInputStream(content));

        assertThat(written).isEqualTo(content.length);
        assertThat(readAll("1/run/artifacts/model/weights.bin")).isEqualTo(content);
        assertThat(store.root().resolve("1/run/artifacts/model/weights.bin")).hasBinaryContent(content);
    }

    @Test
    void overwritingReplacesTheWholeFile() throws IOException {
        store.write("a.txt", text("a much longer first version"));
        store.write("a.txt", text("short"));

        assertThat(new String(readAll("a.txt"), StandardCharsets.UTF_8)).isEqualTo("short");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a b.txt",
                "100%.txt",
                "a%20b.txt",
                "données/é.txt",
                "2024-01-01T10:00:00.json",
                "model/MLmodel",
                ".hidden",
                "a..b",
                "...",
                "x/y/z/"
            })
    void acceptsOrdinaryNames(String path) throws IOException {
        store.write(path, text("ok"));

        assertThat(new String(readAll(path), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    @Test
    void listsDirectChildrenWithSizesAndDirectories() {
        store.write("run/artifacts/model/model.json", text("{\"w\":1}"));
        store.write("run/artifacts/model/sub/deep.txt", text("deep"));
        store.write("run/artifacts/summary.json", text("{}"));

        assertThat(store.list("run/artifacts"))
                .containsExactly(new FileInfo("model", true, null), new FileInfo("summary.json", false, 2L));
        assertThat(store.list("run/artifacts/model/"))
                .containsExactly(new FileInfo("model.json", false, 7L), new FileInfo("sub", true, null));
        assertThat(store.list("")).containsExactly(new FileInfo("run", true, null));
    }

    @Test
    void listingAMissingDirectoryOrAFileIsEmpty() {
        store.write("a.txt", text("a"));

        assertThat(store.list("nothing/here")).isEmpty();
        assertThat(store.list("a.txt")).isEmpty();
    }

    @Test
    void listingHidesUnfinishedUploads() throws IOException {
        store.write("dir/a.txt", text("a"));
        Files.writeString(store.root().resolve("dir/" + ArtifactPaths.TEMP_PREFIX + "123.tmp"), "partial");

        assertThat(store.list("dir")).extracting(FileInfo::path).containsExactly("a.txt");
    }

    @Test
    void deletesAFile() {
        store.write("dir/a.txt", text("a"));
        store.write("dir/b.txt", text("b"));

        store.delete("dir/a.txt");

        assertThat(store.list("dir")).extracting(FileInfo::path).containsExactly("b.txt");
    }

    @Test
    void deletesATree() {
        store.write("1/run/artifacts/model/model.json", text("{}"));
        store.write("1/run/artifacts/model/sub/deep.txt", text("deep"));
        store.write("1/other/keep.txt", text("keep"));

        store.delete("1/run");

        assertThat(store.list("1")).extracting(FileInfo::path).containsExactly("other");
        assertThat(store.root().resolve("1/run")).doesNotExist();
    }

    @Test
    void refusesToDeleteTheRoot() {
        assertCode(() -> store.delete(""), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> store.write("", text("x")), ErrorCode.INVALID_PARAMETER_VALUE);
        assertThat(store.root()).isDirectory();
    }

    @Test
    void missingFilesAreReportedAsNotFound() {
        assertCode(() -> store.read("no/such/file.txt"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertCode(() -> store.delete("no/such/file.txt"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void readingADirectoryOrWritingBelowAFileIsInvalid() {
        store.write("dir/a.txt", text("a"));

        assertCode(() -> store.read("dir"), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> store.write("dir", text("x")), ErrorCode.INVALID_PARAMETER_VALUE);
        assertCode(() -> store.write("dir/a.txt/b.txt", text("x")), ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void aFailedUploadLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        store.write("model.bin", text("old"));
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10_000) {
                    return 'x';
                }
                throw new IOException("client went away");
            }
        };

        assertCode(() -> store.write("model.bin", failing), ErrorCode.INTERNAL_ERROR);

        assertThat(new String(readAll("model.bin"), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(allFileNames()).containsExactly("model.bin");
    }

    @Test
    void aFailedFirstUploadLeavesNothing() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };

        assertCode(() -> store.write("new/model.bin", failing), ErrorCode.INTERNAL_ERROR);

        assertThat(allFileNames()).isEmpty();
        assertCode(() -> store.read("new/model.bin"), ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void concurrentWritersToOnePathLeaveOneWholeFile() throws Exception {
        int writers = 8;
        int size = 512 * 1024;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                byte[] payload = new byte[size];
                Arrays.fill(payload, (byte) ('A' + w));
                results.add(pool.submit(() -> {
                    start.await();
                    return store.write("shared/model.bin", new ByteArrayInputStream(payload));
                }));
            }
            start.countDown();
            for (Future<Long> result : results) {
                assertThat(result.get()).isEqualTo(size);
            }
        }

        byte[] content = readAll("shared/model.bin");
        assertThat(content).hasSize(size);
        byte first = content[0];
        assertThat(first).isBetween((byte) 'A', (byte) ('A' + writers - 1));
        for (byte b : content) {
            assertThat(b).isEqualTo(first);
        }
        assertThat(allFileNames()).containsExactly("model.bin");
    }

    private List<String> allFileNames() throws IOException {
        try (Stream<Path> files = Files.walk(store.root())) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private byte[] readAll(String path) throws IOException {
        try (InputStream in = store.read(path)) {
            return in.readAllBytes();
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(code);
    }
}
