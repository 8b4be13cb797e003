package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {

    @ParameterizedTest
    @CsvSource({
        "a/b, a/b",
        "a//b, a/b",
        "a/./b, a/b",
        "a/../b, b",
        "../a, ../a",
        "/a/../.., /",
        "//a, //a",
        "///a, /a",
        "a/, a",
        "., .",
        "a/.., ."
    })
    void normalisesPathsLikePythonsPosixpath(String path, String normalised) {
        assertThat(Validation.normalizePosixPath(path)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({"ok_name-1.2/x y", "α/β", "a..b"})
    void acceptsMlflowKeys(String key) {
        Validation.keyName("metric", key);
        assertThat(Validation.normalizePosixPath(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({
        "a:b, Names may only contain",
        "'a\tb', Names may only contain",
        "../x, would resolve to '../x'",
        "x/, would resolve to 'x'",
        "'', would resolve to '.'"
    })
    void rejectsKeysMlflowRejects(String key, String message) {
        assertInvalid(() -> Validation.keyName("metric", key), message);
    }
}
