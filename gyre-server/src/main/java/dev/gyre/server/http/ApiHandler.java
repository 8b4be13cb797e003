package dev.gyre.server.http;

/** Handles one API call; throws {@link dev.gyre.core.error.GyreException} for answers other than success. */
@FunctionalInterface
public interface ApiHandler {
    void handle(ApiExchange exchange) throws Exception;
}
