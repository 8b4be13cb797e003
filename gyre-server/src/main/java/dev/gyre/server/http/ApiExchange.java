package dev.gyre.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.json.JsonCodec;
import dev.gyre.server.json.RequestFields;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One API call as the handlers see it: its fields (from the JSON body, or from the query string for GET), its
 * raw body for uploads, and ways to answer. Keeps Helidon out of the handlers and records the status for the
 * access log and metrics.
 */
public final class ApiExchange {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

    private final ServerRequest request;
    private final ServerResponse response;
    private final String requestId;
    private final JsonCodec codec;
    private final ErrorResponses errors;
    private final long maxJsonBodyBytes;
    private final String pathRemainder;
    private int status = 200;
    private boolean committed;

    ApiExchange(
            ServerRequest request,
            ServerResponse response,
            String requestId,
            JsonCodec codec,
            ErrorResponses errors,
            long maxJsonBodyBytes,
            String pathRemainder) {
        this.request = request;
        this.response = response;
        this.requestId = requestId;
        this.codec = codec;
        this.errors = errors;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
        this.pathRemainder = pathRemainder;
    }

    public Method method() {
        return request.prologue().method();
    }

    public String requestId() {
        return requestId;
    }

    /** For prefix routes: the raw (still percent-encoded) rest of the path after the prefix. */
    public String pathRemainder() {
        return pathRemainder;
    }

    /**
     * The request's fields, refusing any not in {@code allowed}. GET reads the query string; other methods read
     * the JSON body, except a DELETE without a body, which reads the query string (clients differ there).
     */
    public RequestFields fields(Set<String> allowed) {
        return RequestFields.of(fieldTree(allowed)).allowOnly(allowed);
    }

    private ObjectNode fieldTree(Set<String> allowed) {
        Method method = method();
        if (method == Method.GET || (method == Method.DELETE && !hasBody())) {
            return codec.fromQuery(queryParameters(allowed));
        }
        requireJsonContentType();
        return codec.readObject(readBody(maxJsonBodyBytes));
    }

    /**
     * Query parameters, decoded as HTML forms encode them ({@code +} is a space), as Flask reads them. Unknown
     * query parameters are ignored (proxies and browsers add some); unknown JSON fields are refused.
     */
    public Map<String, List<String>> queryParameters(Set<String> known) {
        String raw = request.query().rawValue();
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQueryPart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQueryPart(pair.substring(eq + 1));
            if (known == null || known.contains(name)) {
                out.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
        }
        return out;
    }

    private static String decodeQueryPart(String part) {
        return PercentDecoding.query(part);
    }

    /** The first value of a request header, or null. */
    public String requestHeader(String name) {
        return request.headers().first(io.helidon.http.HeaderNames.create(name)).orElse(null);
    }

    /** The request's media type in lower case without parameters (e.g. {@code text/csv}), or null when none. */
    public String mediaType() {
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** The Content-Length the client declared, or -1. */
    public long declaredBodyLength() {
        return request.headers().contentLength().orElse(-1);
    }

    private boolean hasBody() {
        OptionalLong length = request.headers().contentLength();
        if (length.isPresent()) {
            return length.getAsLong() > 0;
        }
        return request.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }

    private void requireJsonContentType() {
        if (!hasBody()) {
            return;
        }
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        if (contentType == null) {
            throw GyreException.invalid("Bad Request. Content-Type header is missing.");
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw GyreException.invalid("Bad Request. Content-Type must be one of ['application/json'].");
        }
    }

    /** The whole body, at most {@code limit} bytes (413 beyond). */
    public byte[] readBody(long limit) {
        long declared = declaredBodyLength();
        try (InputStream in = body(limit)) {
            if (declared >= 0 && declared <= limit) {
                // Exactly the declared bytes: readAllBytes would allocate and copy 16 KiB chunks for a 100-byte body.
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw GyreException.invalid("the request body ended after " + body.length + " of the " + declared
                            + " bytes its Content-Length declared");
                }
                return body;
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as a stream of at most {@code limit} bytes; a declared larger Content-Length fails at once. */
    public InputStream body(long limit) {
        OptionalLong length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > limit) {
            throw new PayloadTooLargeException(limit);
        }
        if (!request.content().hasEntity()) {
            return InputStream.nullInputStream();
        }
        return new BoundedInputStream(request.content().inputStream(), limit);
    }

    // ---- answers

    public void sendEmptyJson() {
        sendJsonBytes(EMPTY_OBJECT);
    }

    public void sendJson(JsonCodec.JsonBody body) {
        sendJsonBytes(codec.writeObject(body));
    }

    public void sendJsonBytes(byte[] json) {
        committed = true;
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(json);
    }

    public void sendText(int httpStatus, String text) {
        status = httpStatus;
        committed = true;
        response.status(Status.create(httpStatus));
        response.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
        response.send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(int httpStatus, String contentType, byte[] body) {
        status = httpStatus;
        committed = true;
        response.status(Status.create(httpStatus));
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.send(body);
    }

    public void sendError(int httpStatus, ErrorCode code, String message) {
        status = httpStatus;
        committed = true;
        response.status(Status.create(httpStatus));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(errors.body(code, message));
    }

    /** Starts a streamed 200 answer; the caller writes and closes the stream. */
    public OutputStream stream(String contentType, String attachmentName) {
        committed = true;
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
        if (attachmentName != null) {
            response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + attachmentName + "\"");
        }
        return response.outputStream();
    }

    public void header(String name, String value) {
        response.header(name, value);
    }

    public int status() {
        return status;
    }

    /** True once an answer has started; an error after that can only be logged. */
    public boolean committed() {
        return committed || response.isSent();
    }
}
