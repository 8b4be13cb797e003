package dev.gyre.server.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key=value line per request on logger {@code dev.gyre.server.access}: request id, method, raw path, route
 * template, status, duration and peer. Values come from the parsed prologue (no spaces or control characters);
 * long paths are cut.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.gyre.server.access");
    private static final int MAX_PATH = 300;

    public void log(String requestId, String method, String path, String route, int status, long nanos, String peer) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String shownPath = path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path;
        LOG.info(
                "request_id={} method={} path={} route={} status={} duration_ms={} peer={}",
                requestId,
                method,
                shownPath,
                route,
                status,
                nanos / 10_000 / 100.0,
                peer);
    }
}
