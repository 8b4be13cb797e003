package dev.gyre.store.sql;

import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.error.GyreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for {@code dataset_registry} (one row per name, the per-name lock) and {@code dataset_versions}. */
final class DatasetVersionsDao {
    /** Every column but the profile, which only {@link #profile} reads. */
    private static final String COLUMNS =
            "name, version, digest, source, data_format, row_count, dataset_schema," + " description, creation_time";

    /**
     * Makes sure the name's row exists and locks it for the rest of the transaction. A concurrent first
     * registration of the same name blocks on the insert until the other commits, then finds its row.
     */
    void lockName(Connection c, String name, long now) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO dataset_registry (name, creation_time, last_updated_time, latest_version)"
                        + " VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING",
                name,
                now,
                now);
        Sql.queryOne(c, "SELECT name FROM dataset_registry WHERE name = ? FOR UPDATE", rs -> 1, name)
                .orElseThrow(() -> new IllegalStateException("dataset_registry row vanished for " + name));
    }

    /** Issues the next version number of a name whose row this transaction has locked. */
    long nextVersion(Connection c, String name, long now) throws SQLException {
        Sql.update(
                c,
                "UPDATE dataset_registry SET latest_version = latest_version + 1, last_updated_time = ?"
                        + " WHERE name = ?",
                now,
                name);
        return Sql.queryOne(c, "SELECT latest_version FROM dataset_registry WHERE name = ?", rs -> rs.getLong(1), name)
                .orElseThrow();
    }

    void insert(Connection c, NewDatasetVersion v, long version, long now) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO dataset_versions (name, version, digest, source, data_format, row_count,"
                        + " dataset_schema, profile, description, creation_time)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.name(),
                version,
                v.digest(),
                v.source(),
                v.format(),
                v.rowCount(),
                v.schema(),
                v.profile(),
                Sql.nullableText(v.description()),
                now);
    }

    Optional<DatasetVersion> find(Connection c, String name, long version) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT " + COLUMNS + " FROM dataset_versions WHERE name = ? AND version = ?",
                DatasetVersionsDao::row,
                name,
                version);
    }

    Optional<DatasetVersion> findByDigest(Connection c, String name, String digest) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT " + COLUMNS + " FROM dataset_versions WHERE name = ? AND digest = ?",
                DatasetVersionsDao::row,
                name,
                digest);
    }

    Optional<DatasetVersion> latest(Connection c, String name) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT " + COLUMNS + " FROM dataset_versions WHERE name = ? ORDER BY version DESC LIMIT 1",
                DatasetVersionsDao::row,
                name);
    }

    Optional<String> profile(Connection c, String name, long version) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT profile FROM dataset_versions WHERE name = ? AND version = ?",
                rs -> rs.getString(1),
                name,
                version);
    }

    boolean nameExists(Connection c, String name) throws SQLException {
        return Sql.queryOne(c, "SELECT 1 FROM dataset_versions WHERE name = ? LIMIT 1", rs -> 1, name)
                .isPresent();
    }

    /** Up to {@code limit} versions of a name, newest first, skipping {@code offset}. */
    List<DatasetVersion> versions(Connection c, String name, int limit, long offset) throws SQLException {
        return Sql.query(
                c,
                "SELECT " + COLUMNS + " FROM dataset_versions WHERE name = ? ORDER BY version DESC LIMIT ? OFFSET ?",
                DatasetVersionsDao::row,
                name,
                limit,
                offset);
    }

    /** Names that have at least one version, in name order. */
    List<DatasetSummary> summaries(Connection c, int limit, long offset) throws SQLException {
        return Sql.query(
                c,
                "SELECT r.name, MAX(v.version), COUNT(*), MIN(v.creation_time), MAX(v.creation_time)"
                        + " FROM dataset_registry r JOIN dataset_versions v ON v.name = r.name"
                        + " GROUP BY r.name ORDER BY r.name LIMIT ? OFFSET ?",
                rs -> new DatasetSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                limit,
                offset);
    }

    static GyreException notFound(String name) {
        return GyreException.notFound("Dataset '" + name + "' not found");
    }

    static GyreException notFound(String name, long version) {
        return GyreException.notFound("Dataset version (name=" + name + ", version=" + version + ") not found");
    }

    private static DatasetVersion row(ResultSet rs) throws SQLException {
        return new DatasetVersion(
                rs.getString("name"),
                rs.getLong("version"),
                rs.getString("digest"),
                rs.getString("source"),
                rs.getString("data_format"),
                rs.getLong("row_count"),
                rs.getString("dataset_schema"),
                rs.getString("description"),
                rs.getLong("creation_time"));
    }
}
