package dev.gyre.store.sql;

import dev.gyre.core.error.GyreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A backend-store URI turned into what JDBC needs. Accepted forms:
 *
 * <ul>
 *   <li>{@code h2:/abs/path/to/db} — embedded file database ({@code db.mv.db} next to it)
 *   <li>{@code h2:mem:name} — in memory, lives while the store is open (tests)
 *   <li>{@code postgresql://user:pass@host:port/db}, also {@code postgresql+psycopg2://…} and
 *       {@code postgres://…} as MLflow users write them
 *   <li>{@code jdbc:h2:…} and {@code jdbc:postgresql:…}, used as they are (H2 settings are appended)
 * </ul>
 *
 * @param h2File the database file path without extension, for file H2 databases; null otherwise
 */
record BackendUri(Dialect dialect, String jdbcUrl, String user, String password, Path h2File) {

    static final String SUPPORTED_FORMS = "h2:/absolute/path/to/db, h2:mem:<name>,"
            + " postgresql://<user>:<password>@<host>:<port>/<database> (also postgresql+psycopg2://),"
            + " jdbc:h2:<...>, jdbc:postgresql:<...>";

    /**
     * H2 settings. MODE=PostgreSQL and DATABASE_TO_LOWER make the one schema and the one set of queries behave as
     * on PostgreSQL; DEFAULT_NULL_ORDERING=HIGH sorts NULLs as PostgreSQL does. WRITE_DELAY=0 makes H2 write the
     * MVStore chunk of every commit to the file before the commit returns (by default it batches writes for
     * 500 ms in a background thread, so an acknowledged write could be lost to kill -9); the bytes are then in
     * the operating system's cache, which survives the death of the process. LOCK_TIMEOUT waits for row locks
     * (concurrent writers to one run) instead of failing after H2's default of one second.
     *
     * <p>WRITE_DELAY=0 also stops H2's background thread, which is what reclaims dead space in the file while the
     * database is open: under sustained writes the file grows to many times its live data (measured: 2.2 million
     * metrics, 14 GB). {@link Database#close()} therefore compacts a file database when the store closes
     * ({@code SHUTDOWN COMPACT}: about 1.6 s for a 300 MB file holding 29 MB of data). We tried the alternative —
     * keeping the background thread and issuing {@code CHECKPOINT} after each commit — and the kill -9 tests lost
     * acknowledged writes, so durability wins. DB_CLOSE_ON_EXIT=FALSE leaves closing to Gyre's own shutdown
     * hook, which stops the server before it closes (and compacts) the store. TRACE_LEVEL_FILE=0: Gyre logs
     * database errors itself, so H2 leaves no .trace.db files beside the database.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";

    static BackendUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw unsupported(uri);
        }
        String u = uri.strip();
        if (u.startsWith("jdbc:h2:")) {
            return h2(withH2Settings(u), h2FileOf(u.substring("jdbc:h2:".length())));
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return new BackendUri(Dialect.POSTGRESQL, u, null, null, null);
        }
        if (u.startsWith("h2:mem:")) {
            String name = u.substring("h2:mem:".length());
            if (name.isEmpty()) {
                throw GyreException.invalid("The in-memory database needs a name: h2:mem:<name>");
            }
            // DB_CLOSE_DELAY=-1 keeps the database while the pool cycles connections; close() shuts it down.
            return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS, null);
        }
        if (u.startsWith("h2:")) {
            String path = u.substring("h2:".length());
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            }
            Path file = Path.of(path);
            if (!file.isAbsolute()) {
                throw GyreException.invalid("The embedded database path must be absolute: '" + uri
                        + "'. Supported forms: " + SUPPORTED_FORMS);
            }
            return h2("jdbc:h2:file:" + file + H2_SETTINGS, file);
        }
        int schemeEnd = u.indexOf("://");
        if (schemeEnd > 0) {
            String scheme = u.substring(0, schemeEnd);
            if (scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+")) {
                return postgres(uri, "postgresql" + u.substring(schemeEnd));
            }
        }
        throw unsupported(uri);
    }

    /** Appends each of {@link #H2_SETTINGS} that a raw JDBC URL does not set itself (H2 rejects duplicates). */
    private static String withH2Settings(String url) {
        StringBuilder sb = new StringBuilder(url);
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        for (String setting : H2_SETTINGS.substring(1).split(";")) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            if (!upper.contains(";" + name)) {
                sb.append(';').append(setting);
            }
        }
        return sb.toString();
    }

    private static BackendUri h2(String url, Path file) {
        return new BackendUri(Dialect.H2, url, "sa", "", file);
    }

    private static Path h2FileOf(String rest) {
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
            return null;
        }
        String path = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int semicolon = path.indexOf(';');
        return Path.of(semicolon >= 0 ? path.substring(0, semicolon) : path);
    }

    private static BackendUri postgres(String original, String normalized) {
        URI parsed;
        try {
            parsed = new URI(normalized);
        } catch (URISyntaxException e) {
            throw GyreException.invalid("Invalid PostgreSQL URI '" + redact(original) + "': " + e.getReason());
        }
        if (parsed.getHost() == null) {
            throw GyreException.invalid("Invalid PostgreSQL URI '" + redact(original)
                    + "': expected postgresql://<user>:<password>@<host>:<port>/<database>");
        }
        String user = null;
        String password = null;
        if (parsed.getRawUserInfo() != null) {
            String[] parts = parsed.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path =
                parsed.getRawPath() == null || parsed.getRawPath().length() <= 1 ? "/postgres" : parsed.getRawPath();
        String url = "jdbc:postgresql://" + parsed.getHost() + (parsed.getPort() > 0 ? ":" + parsed.getPort() : "")
                + path + (parsed.getRawQuery() != null ? "?" + parsed.getRawQuery() : "");
        return new BackendUri(Dialect.POSTGRESQL, url, user, password, null);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URI without its password, for messages and logs. */
    static String redact(String uri) {
        return uri == null ? null : uri.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    private static GyreException unsupported(String uri) {
        return GyreException.invalid(
                "Unsupported backend store URI '" + redact(uri) + "'. Supported forms: " + SUPPORTED_FORMS);
    }
}
