package dev.gyre.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers the errors Helidon raises before routing (request line or headers too long, bad prologue, body over
 * the listener limit) with MLflow's JSON error body and a request id, because MLflow clients expect JSON from
 * every failed call.
 */
public final class JsonDirectHandler implements DirectHandler {

    private final ErrorResponses errors;

    public JsonDirectHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        int code = status.code();
        String text =
                switch (code) {
                    case 413 -> "Request body too large.";
                    case 431 -> "Request headers too large.";
                    case 414 -> "Request line too long.";
                    default -> code >= 500 ? "Internal server error." : "Bad request: " + sanitize(message);
                };
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        headers.set(RequestIds.HEADER_NAME, RequestIds.create());
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(errors.body(ErrorResponses.codeFor(code), text))
                .build();
    }

    private static String sanitize(String message) {
        if (message == null) {
            return "malformed request.";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && i < 200; i++) {
            char c = message.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }
}
