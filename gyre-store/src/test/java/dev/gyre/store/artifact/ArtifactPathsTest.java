package dev.gyre.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

    @Test
    void splitsIntoSegments() {
        assertThat(ArtifactPaths.segments("1/run/artifacts/model.json"))
                .containsExactly("1", "run", "artifacts", "model.json");
        assertThat(ArtifactPaths.segments("")).isEmpty();
        assertThat(ArtifactPaths.normalize("dir/")).isEqualTo("dir");
    }

    @Test
    void keepsLiteralPercentSignsThatAreNotEscapes() {
        assertThat(ArtifactPaths.normalize("100%.txt")).isEqualTo("100%.txt");
        assertThat(ArtifactPaths.normalize("a%20b.txt")).isEqualTo("a%20b.txt");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "..",
                ".",
                "./a",
                "a/..",
                "a/./b",
                "/etc/passwd",
                "a//b",
                "//",
                "a\\b",
                "%2e%2e",
                "%2E%2E%2F",
                "a%2f..%2fb",
                "%5c",
                "%252e%252e",
                "%2525252e%2525252e",
                "a#b",
                "a?b",
                "a;b",
                "%23",
                "%3f",
                "C:",
                "c:/x",
                "file:/etc/passwd",
                "s3://bucket/key",
                "a\u0000b",
                "a\tb",
                "a\u007fb",
                "%00",
                "%0a",
                "%c0%ae",
                "%ff",
                ".gyre-upload-1.tmp"
            })
    void refuses(String path) {
        assertThatThrownBy(() -> ArtifactPaths.segments(path))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("Invalid artifact path '")
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void refusesOverlongPathsAndSegments() {
        assertThatThrownBy(() -> ArtifactPaths.segments("a/".repeat(600))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> ArtifactPaths.segments("x".repeat(256))).hasMessageContaining("segment");
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThatThrownBy(() -> ArtifactPaths.segments("a\nINFO forged"))
                .hasMessage("Invalid artifact path 'a\\u000aINFO forged': contains a control character.");
    }
}
