package dev.gyre.server.http;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of URL paths and query strings as UTF-8: a malformed escape or bytes that are not
 * valid UTF-8 (overlong {@code %c0%ae} for {@code .}, a classic traversal trick) are refused rather than turned
 * into replacement characters.
 */
public final class PercentDecoding {

    private PercentDecoding() {}

    /** Decodes a path segment sequence; {@code +} stays a plus. */
    public static String path(String raw) {
        return decode(raw, false);
    }

    /** Decodes a query-string name or value as HTML forms encode them; {@code +} is a space. */
    public static String query(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw malformed("a malformed percent-escape");
                }
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("percent-escapes that are not valid UTF-8");
        }
    }

    private static GyreException malformed(String what) {
        return new GyreException(ErrorCode.INVALID_PARAMETER_VALUE, "Malformed URL: it contains " + what + ".");
    }
}
