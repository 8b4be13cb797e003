package dev.gyre.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Backend-store URIs for tests, each naming a FRESH database: an H2 in-memory database, or a PostgreSQL database
 * created for the caller from {@code GYRE_TEST_POSTGRES_URL} (a role with CREATEDB, e.g.
 * {@code postgresql://gyre:gyre@127.0.0.1:5432/postgres}). Without that variable PostgreSQL tests are skipped, unless
 * {@code CI} is set, in which case they fail: CI must not silently skip them. Reused by other modules through the
 * test-jar.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL_ENV = "GYRE_TEST_POSTGRES_URL";

    private TestDatabases() {}

    /** {@code h2:mem:<random>}: a new, empty in-memory database. */
    public static String h2Memory() {
        return "h2:mem:gyre-test-" + UUID.randomUUID();
    }

    /**
     * A new PostgreSQL database, dropped when the JVM exits. Prefer {@link #freshPostgres()} to drop it as soon as
     * a test class is done.
     */
    public static String postgres() {
        PostgresDatabase db = freshPostgres();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(db::close));
        return db.uri();
    }

    /** Creates {@code gyre_test_<random>}; closing the handle drops it. Skips or fails as the class Javadoc says. */
    public static PostgresDatabase freshPostgres() {
        String admin = System.getenv(POSTGRES_URL_ENV);
        if (admin == null || admin.isBlank()) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(POSTGRES_URL_ENV + " is not set, but CI is: the PostgreSQL tests"
                        + " must run in CI. Point it at a role that may create databases.");
            }
            Assumptions.abort(POSTGRES_URL_ENV + " is not set; skipping the PostgreSQL tests");
        }
        String name = "gyre_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        Admin a = Admin.of(admin);
        a.execute("CREATE DATABASE " + name);
        return new PostgresDatabase(a, name);
    }

    /** A PostgreSQL database created for a test; {@link #close()} drops it. */
    public static final class PostgresDatabase implements AutoCloseable {
        private final Admin admin;
        private final String name;

        private PostgresDatabase(Admin admin, String name) {
            this.admin = admin;
            this.name = name;
        }

        /** The backend-store URI of this database, in the {@code postgresql://} form users write. */
        public String uri() {
            return admin.uriFor(name);
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Connection details of the admin URL, to create and drop databases. */
    private record Admin(String userInfo, String host, int port, String user, String password, String database) {
        static Admin of(String url) {
            URI u = URI.create(url.replaceFirst("^postgresql\\+[a-z0-9]+://", "postgresql://"));
            String info = u.getUserInfo();
            String user = info == null ? null : info.split(":", 2)[0];
            String password = info == null || !info.contains(":") ? null : info.split(":", 2)[1];
            String db = u.getPath() == null || u.getPath().length() <= 1
                    ? "postgres"
                    : u.getPath().substring(1);
            return new Admin(u.getRawUserInfo(), u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), user, password, db);
        }

        String uriFor(String db) {
            return "postgresql://" + (userInfo == null ? "" : userInfo + "@") + host + ":" + port + "/" + db;
        }

        void execute(String sql) {
            String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database;
            try (Connection c = DriverManager.getConnection(jdbc, user, password);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Could not run '" + sql + "' on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
