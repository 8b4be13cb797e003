package dev.gyre.store.search;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void roundTripsAnOffsetInMlflowsShape() {
        String token = PageToken.encode(1234);
        assertThat(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8))
                .isEqualTo("{\"offset\": 1234}");
        assertThat(PageToken.decodeOffset(token)).isEqualTo(1234);
        assertThat(PageToken.decodeOffset(null)).isZero();
        assertThat(PageToken.decodeOffset("")).isZero();
        // MLflow's own tokens decode too.
        assertThat(PageToken.decodeOffset(
                        Base64.getEncoder().encodeToString("{\"offset\":7}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(7);
    }

    @Test
    void rejectsGarbledTokens() {
        assertInvalid(() -> PageToken.decodeOffset("!!!"), "Invalid page token, could not base64-decode");
        assertInvalid(() -> PageToken.decodeOffset(b64("{\"offset\": -1}")), "Invalid page token");
        assertInvalid(() -> PageToken.decodeOffset(b64("{\"offset\": \"5\"}")), "Invalid page token");
        assertInvalid(() -> PageToken.decodeOffset(b64("[]")), "Invalid page token, decoded value=[]");
        assertInvalid(() -> PageToken.decodeOffset(b64("{\"offset\": 99999999999999999999}")), "Invalid page token");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
