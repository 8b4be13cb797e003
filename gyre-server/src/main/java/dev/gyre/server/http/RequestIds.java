package dev.gyre.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids for correlating a client's call with the access log and error reports: an incoming
 * {@code X-Request-Id} is kept when it is short and plain (so that it cannot forge log lines), else a random
 * 128-bit hex id is made (cheaper than {@link java.util.UUID#randomUUID()}, which needs a secure random).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    public static final HeaderName HEADER_NAME = HeaderNames.create(HEADER);

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    public static String acceptOrCreate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return create();
    }

    public static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String hi = Long.toHexString(random.nextLong());
        String lo = Long.toHexString(random.nextLong());
        return "0".repeat(16 - hi.length()) + hi + "0".repeat(16 - lo.length()) + lo;
    }
}
