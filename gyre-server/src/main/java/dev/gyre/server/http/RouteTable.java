package dev.gyre.server.http;

import io.helidon.http.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a request to its route by exact path (one hash lookup) or, for the artifact proxy, by path prefix; tells
 * "no such endpoint" (404) apart from "endpoint exists, other method" (405), which Helidon's router cannot.
 */
public final class RouteTable {

    private final Map<String, Map<Method, Route>> exact;
    private final List<PrefixRoutes> prefixes;

    private RouteTable(Map<String, Map<Method, Route>> exact, List<PrefixRoutes> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outcome of matching a request. */
    public sealed interface Match {
        /** Found: {@code remainder} is the raw path after the prefix of a prefix route, else {@code ""}. */
        record Found(Route route, String remainder) implements Match {}

        /** The path exists but not with this method. */
        record WrongMethod(String template, String allowed) implements Match {}

        record NotFound() implements Match {}
    }

    public Match match(Method method, String rawPath) {
        Map<Method, Route> byMethod = exact.get(rawPath);
        if (byMethod != null) {
            return pick(byMethod, method, "");
        }
        for (PrefixRoutes prefix : prefixes) {
            if (rawPath.startsWith(prefix.prefix) && rawPath.length() > prefix.prefix.length()) {
                return pick(prefix.byMethod, method, rawPath.substring(prefix.prefix.length()));
            }
        }
        return new Match.NotFound();
    }

    private static Match pick(Map<Method, Route> byMethod, Method method, String remainder) {
        Route route = byMethod.get(method);
        if (route != null) {
            return new Match.Found(route, remainder);
        }
        Route any = byMethod.values().iterator().next();
        TreeSet<String> allowed = new TreeSet<>();
        byMethod.keySet().forEach(m -> allowed.add(m.text()));
        return new Match.WrongMethod(any.template(), String.join(", ", allowed));
    }

    private record PrefixRoutes(String prefix, Map<Method, Route> byMethod) {}

    /** Collects routes; a path registered twice for one method is a programming error. */
    public static final class Builder {
        private final Map<String, Map<Method, Route>> exact = new HashMap<>();
        private final Map<String, Map<Method, Route>> prefixes = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(Method method, String path, ApiHandler handler) {
            put(exact, path, new Route(method, path, handler));
            return this;
        }

        /** Routes every path that starts with {@code prefix} (and has more after it). */
        public Builder addPrefix(Method method, String prefix, ApiHandler handler) {
            put(prefixes, prefix, new Route(method, prefix + "{path}", handler));
            return this;
        }

        private static void put(Map<String, Map<Method, Route>> table, String path, Route route) {
            Route previous =
                    table.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(route.method(), route);
            if (previous != null) {
                throw new IllegalStateException(
                        "Route registered twice: " + route.method().text() + " " + path);
            }
        }

        public RouteTable build() {
            Map<String, Map<Method, Route>> frozen = new HashMap<>();
            exact.forEach((path, routes) -> frozen.put(path, Map.copyOf(routes)));
            List<PrefixRoutes> prefixList = new ArrayList<>();
            prefixes.forEach((prefix, routes) -> prefixList.add(new PrefixRoutes(prefix, Map.copyOf(routes))));
            return new RouteTable(Map.copyOf(frozen), List.copyOf(prefixList));
        }
    }
}
