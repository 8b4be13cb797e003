package dev.gyre.server.api;

import dev.gyre.server.http.ApiHandler;
import dev.gyre.server.http.RouteTable;
import io.helidon.http.Method;
import java.util.List;

/**
 * Registers an endpoint under every prefix MLflow serves it on ({@code /api/2.0/mlflow/…} for clients,
 * {@code /ajax-api/2.0/mlflow/…} for the web UI), so that handlers name only the relative path.
 */
public final class ApiRoutes {

    /** Gyre's own endpoints (datasets, …), beside MLflow's and shaped like them. */
    public static final List<String> GYRE_PREFIXES = List.of("/api/2.0/gyre/", "/ajax-api/2.0/gyre/");

    private final RouteTable.Builder table;
    private final List<String> prefixes;

    public ApiRoutes(RouteTable.Builder table, List<String> prefixes) {
        this.table = table;
        this.prefixes = List.copyOf(prefixes);
    }

    public ApiRoutes get(String path, ApiHandler handler) {
        return add(Method.GET, path, handler);
    }

    public ApiRoutes post(String path, ApiHandler handler) {
        return add(Method.POST, path, handler);
    }

    public ApiRoutes patch(String path, ApiHandler handler) {
        return add(Method.PATCH, path, handler);
    }

    public ApiRoutes delete(String path, ApiHandler handler) {
        return add(Method.DELETE, path, handler);
    }

    public ApiRoutes add(Method method, String path, ApiHandler handler) {
        for (String prefix : prefixes) {
            table.add(method, prefix + path, handler);
        }
        return this;
    }

    public ApiRoutes addPrefix(Method method, String path, ApiHandler handler) {
        for (String prefix : prefixes) {
            table.addPrefix(method, prefix + path, handler);
        }
        return this;
    }
}
