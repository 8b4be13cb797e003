package dev.gyre.server.http;

/** A request body over its limit; answered with 413 and a JSON error. */
public final class PayloadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes.");
    }
}
