package dev.gyre.store.sql;

import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.Validation;
import dev.gyre.store.search.PageToken;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The dataset registry over H2 or PostgreSQL. A registration locks the name's {@code dataset_registry} row first
 * (creating it if needed), then looks the digest up, so the check-then-insert cannot race: the same bytes
 * registered twice at once yield one version, and different bytes get consecutive numbers.
 */
public final class SqlDatasetRegistryStore implements DatasetRegistryStore {
    /** Longest page a listing returns, as for registered models. */
    public static final int MAX_RESULTS_THRESHOLD = Validation.SEARCH_REGISTERED_MODEL_MAX_RESULTS_THRESHOLD;

    static final int MAX_DIGEST_LENGTH = 100;
    static final int MAX_FORMAT_LENGTH = 32;

    private final Database db;
    private final DatasetVersionsDao versions = new DatasetVersionsDao();

    SqlDatasetRegistryStore(Database db) {
        this.db = db;
    }

    @Override
    public DatasetRegistration register(NewDatasetVersion v) {
        validate(v);
        return db.inTransaction(c -> {
            long now = SqlTrackingStore.now();
            versions.lockName(c, v.name(), now);
            Optional<DatasetVersion> existing = versions.findByDigest(c, v.name(), v.digest());
            if (existing.isPresent()) {
                return new DatasetRegistration(existing.get(), false);
            }
            long version = versions.nextVersion(c, v.name(), now);
            versions.insert(c, v, version, now);
            return new DatasetRegistration(versions.find(c, v.name(), version).orElseThrow(), true);
        });
    }

    @Override
    public DatasetVersion getVersion(String name, long version) {
        DatasetRegistryStore.validateName(name);
        versionNumber(version);
        return db.inTransaction(c -> versions.find(c, name, version).orElseThrow(() -> notFound(c, name, version)));
    }

    @Override
    public DatasetVersion getLatestVersion(String name) {
        DatasetRegistryStore.validateName(name);
        return db.inTransaction(c -> versions.latest(c, name).orElseThrow(() -> DatasetVersionsDao.notFound(name)));
    }

    @Override
    public Optional<DatasetVersion> findVersionByDigest(String name, String digest) {
        DatasetRegistryStore.validateName(name);
        digest(digest);
        return db.inTransaction(c -> versions.findByDigest(c, name, digest));
    }

    @Override
    public String getProfile(String name, long version) {
        DatasetRegistryStore.validateName(name);
        versionNumber(version);
        return db.inTransaction(c -> versions.profile(c, name, version).orElseThrow(() -> notFound(c, name, version)));
    }

    @Override
    public Page<DatasetSummary> listDatasets(int maxResults, String pageToken) {
        Validation.registryMaxResults(maxResults, MAX_RESULTS_THRESHOLD);
        long offset = PageToken.decodeOffset(pageToken);
        return db.inTransaction(
                c -> SqlTrackingStore.page(versions.summaries(c, maxResults + 1, offset), maxResults, offset));
    }

    @Override
    public Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken) {
        DatasetRegistryStore.validateName(name);
        Validation.registryMaxResults(maxResults, MAX_RESULTS_THRESHOLD);
        long offset = PageToken.decodeOffset(pageToken);
        return db.inTransaction(c -> {
            var rows = versions.versions(c, name, maxResults + 1, offset);
            if (rows.isEmpty() && !versions.nameExists(c, name)) {
                throw DatasetVersionsDao.notFound(name);
            }
            return SqlTrackingStore.page(rows, maxResults, offset);
        });
    }

    /** The database belongs to {@link dev.gyre.store.MetadataStores}, which closes it; nothing to do here. */
    @Override
    public void close() {}

    /** Says whether the name or only the version is missing, so the user knows which part to fix. */
    private GyreException notFound(Connection c, String name, long version) {
        try {
            return versions.nameExists(c, name)
                    ? DatasetVersionsDao.notFound(name, version)
                    : DatasetVersionsDao.notFound(name);
        } catch (SQLException e) {
            return DatasetVersionsDao.notFound(name, version);
        }
    }

    // ---- validation -----------------------------------------------------------------------------------------

    private static void versionNumber(long version) {
        if (version < 1) {
            throw GyreException.invalid("Dataset version must be a positive integer, got " + version);
        }
    }

    private static void digest(String digest) {
        required(digest, "digest");
        maxLength(digest, MAX_DIGEST_LENGTH, "digest");
    }

    private static void validate(NewDatasetVersion v) {
        if (v == null) {
            throw GyreException.invalid("Dataset version cannot be null.");
        }
        DatasetRegistryStore.validateName(v.name());
        digest(v.digest());
        required(v.source(), "source");
        maxLength(v.source(), Validation.MAX_DATASET_SOURCE_SIZE, "source");
        required(v.format(), "format");
        maxLength(v.format(), MAX_FORMAT_LENGTH, "format");
        if (v.rowCount() < 0) {
            throw GyreException.invalid("Dataset row count must not be negative, got " + v.rowCount());
        }
        required(v.schema(), "schema");
        required(v.profile(), "profile");
        Validation.description(v.description());
    }

    private static void required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw GyreException.invalid("Dataset " + what + " cannot be empty.");
        }
    }

    private static void maxLength(String value, int max, String what) {
        if (value.length() > max) {
            throw GyreException.invalid("Dataset " + what + " exceeds the maximum length of " + max + " characters");
        }
    }
}
