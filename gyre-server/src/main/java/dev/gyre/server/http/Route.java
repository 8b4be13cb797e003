package dev.gyre.server.http;

import io.helidon.http.Method;

/**
 * One endpoint: a method and a path template. {@code template} is what metrics and logs name the route by; for
 * a prefix route (the artifact proxy) it ends with {@code {path}}.
 */
public record Route(Method method, String template, ApiHandler handler) {}
