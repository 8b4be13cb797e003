package dev.gyre.store.search;

import dev.gyre.core.error.GyreException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque page tokens: base64 of {@code {"offset": N}}, the shape MLflow's SQL store issues, so tokens look
 * alike to clients. Decoding is strict: anything else is {@code INVALID_PARAMETER_VALUE "Invalid page token"}.
 */
public final class PageToken {
    private static final Pattern JSON = Pattern.compile("\\A\\s*\\{\\s*\"offset\"\\s*:\\s*(\\d{1,18})\\s*}\\s*\\z");

    private PageToken() {}

    public static String encode(long offset) {
        String json = "{\"offset\": " + offset + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 for a null or empty token. */
    public static long decodeOffset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token.strip());
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("Invalid page token, could not base64-decode");
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        Matcher m = JSON.matcher(decoded);
        if (!m.matches()) {
            throw GyreException.invalid("Invalid page token, decoded value=" + decoded);
        }
        return Long.parseLong(m.group(1));
    }
}
