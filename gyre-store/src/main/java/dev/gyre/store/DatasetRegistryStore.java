package dev.gyre.store;

import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetSummary;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import java.util.Optional;

/**
 * Versioned datasets: each name has versions 1, 2, 3 …, one per distinct content digest. Same contract as
 * {@link TrackingStore}: validated arguments ({@code INVALID_PARAMETER_VALUE}), unknown names or versions raise
 * {@code RESOURCE_DOES_NOT_EXIST}, one transaction per call, thread-safe.
 */
public interface DatasetRegistryStore extends AutoCloseable {

    /**
     * Registers {@code version} under its name: the next version number if its digest is new for the name, or the
     * existing version when the same digest was registered before (then nothing is written, and the description
     * and profile given are ignored). Concurrent registrations of one name are serialised, so the same bytes yield
     * one version and different bytes get consecutive numbers.
     */
    DatasetRegistration register(NewDatasetVersion version);

    DatasetVersion getVersion(String name, long version);

    /** The highest-numbered version of {@code name}. */
    DatasetVersion getLatestVersion(String name);

    /** The version of {@code name} whose bytes have {@code digest}, if registered. */
    Optional<DatasetVersion> findVersionByDigest(String name, String digest);

    /** The profile JSON stored with a version. */
    String getProfile(String name, long version);

    /** Registered names in name order. */
    Page<DatasetSummary> listDatasets(int maxResults, String pageToken);

    /** The versions of {@code name}, newest first. */
    Page<DatasetVersion> listVersions(String name, int maxResults, String pageToken);

    @Override
    void close();

    /**
     * Dataset names follow MLflow's rule for keys (they become file-like names and URL parameters) and fit
     * MLflow's {@code datasets.name} column, since versions are logged to runs under their name.
     */
    static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw GyreException.invalid("Dataset name cannot be empty.");
        }
        if (name.length() > Validation.MAX_DATASET_NAME_SIZE) {
            throw GyreException.invalid(
                    "Dataset name exceeds the maximum length of " + Validation.MAX_DATASET_NAME_SIZE + " characters");
        }
        Validation.keyName("dataset", name);
    }
}
