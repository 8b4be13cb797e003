package dev.gyre.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the one way the stores touch it: {@link #inTransaction}, which runs a unit of work in
 * a single transaction, commits it, and rolls it back on any failure (so a failed call writes nothing). Work that
 * loses a deadlock or a serialization race is retried a few times; {@link GyreException}s pass through unchanged;
 * other database errors become {@code INTERNAL_ERROR}.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 4;
    /** H2's error code for "Database is already closed". */
    private static final int H2_DATABASE_CLOSED = 90121;

    /** A unit of work on one connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final boolean inMemory;
    private final boolean compactOnClose;

    /**
     * @param compactOnClose rewrite an H2 file database compactly when closing (see {@link BackendUri#H2_SETTINGS}
     *     for why the file needs it)
     */
    Database(HikariDataSource dataSource, Dialect dialect, boolean inMemory, boolean compactOnClose) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.inMemory = inMemory;
        this.compactOnClose = compactOnClose;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (isTransient(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug(
                            "Retrying a transaction after a transient failure ({}): {}",
                            e.getSQLState(),
                            e.getMessage());
                    backOff(attempt);
                    continue;
                }
                throw new GyreException(ErrorCode.INTERNAL_ERROR, "Database error: " + e.getMessage(), e);
            }
        }
    }

    /** Runs without a result. */
    void run(Work<Void> work) {
        inTransaction(work);
    }

    boolean isHealthy() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("Health check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        if (compactOnClose) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                // Returning the connection to the pool after SHUTDOWN reports the database closed: that is success.
                if (e.getErrorCode() != H2_DATABASE_CLOSED) {
                    LOG.warn("Could not compact the embedded database on close: {}", e.getMessage());
                }
            }
        } else if (inMemory) {
            // The in-memory database outlives its connections (DB_CLOSE_DELAY=-1); free it explicitly.
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("Shutting down the in-memory database: {}", e.getMessage());
            }
        }
        dataSource.close();
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        // 40001 serialization failure / H2 deadlock, 40P01 PostgreSQL deadlock, HYT00 H2 lock timeout
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(5L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GyreException(ErrorCode.INTERNAL_ERROR, "Interrupted while retrying a transaction", e);
        }
    }
}
