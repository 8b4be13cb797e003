package dev.gyre.model.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3Test {

    private static int hash(String text, int seed) {
        return Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void matchesPublishedReferenceVectors() {
        // The vectors commonly published for MurmurHash3_x86_32 (SMHasher's reference implementation).
        assertThat(hash("", 0)).isZero();
        assertThat(hash("", 1)).isEqualTo(0x514E28B7);
        assertThat(hash("", 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(Murmur3.hash32(new byte[4], 0)).isEqualTo(0x2362F9DE);
        assertThat(hash("aaaa", 0x9747b28c)).isEqualTo(0x5A97808A);
        assertThat(hash("abc", 0)).isEqualTo(0xB3DD93FA);
        assertThat(hash("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
        assertThat(hash("The quick brown fox jumps over the lazy dog", 0x9747b28c))
                .isEqualTo(0x2FA826CD);
    }

    @Test
    void coversEveryTailLengthAndMultiByteCharacters() {
        // Values of Guava's murmur3_32_fixed, computed once outside the build.
        assertThat(hash("a", 0)).isEqualTo(1009084850);
        assertThat(hash("ab", 0)).isEqualTo(-1681926305);
        assertThat(hash("abcd", 0)).isEqualTo(1139631978);
        assertThat(hash("hello", 0)).isEqualTo(613153351);
        assertThat(hash("café", 0)).isEqualTo(605818632);
        assertThat(hash("loan", 0)).isEqualTo(-1724766658);
    }
}
