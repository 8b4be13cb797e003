package dev.gyre.serve.inference;

/**
 * What the transport knows about a request beyond its body.
 *
 * @param requestId the request id (logged with the prediction)
 * @param routingKey the key that keeps an A/B user on one arm (e.g. a user id), or null
 * @param arrivalNanos when the request arrived ({@link System#nanoTime()}), from which timeouts and latency count
 */
public record RequestContext(String requestId, String routingKey, long arrivalNanos) {}
