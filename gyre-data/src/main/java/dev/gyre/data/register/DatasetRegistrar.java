package dev.gyre.data.register;

import dev.gyre.core.data.DatasetRegistration;
import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.data.NewDatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.ContentHash;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.store.DatasetRegistryStore;
import dev.gyre.store.TrackingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers a file or folder as a version of a named dataset. Everything that can fail on bad data (reading,
 * profiling) happens before the one store call, so a bad file leaves the store untouched. The content hash comes
 * first: bytes already registered under the name return their version without being read again.
 */
public final class DatasetRegistrar {

    private final DatasetRegistryStore datasets;
    private final ProfileJson profileJson = new ProfileJson();

    public DatasetRegistrar(DatasetRegistryStore datasets) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
    }

    /**
     * @param path a CSV, Parquet or JSON file, or a folder of them, read as one table
     * @param description free text for a new version, or null; ignored when the bytes were registered before
     * @throws GyreException {@code INVALID_PARAMETER_VALUE} for a bad name, a missing or unreadable file (naming it
     *     and, where DuckDB says, the line), or a file that changed while it was being read
     */
    public DatasetRegistration register(String name, Path path, String description) {
        DatasetRegistryStore.validateName(name);
        Objects.requireNonNull(path, "path");
        DatasetSource source = DatasetSource.of(path.toAbsolutePath().normalize());
        String digest = ContentHash.of(source);
        Optional<DatasetVersion> existing = datasets.findVersionByDigest(name, digest);
        if (existing.isPresent()) {
            return new DatasetRegistration(existing.get(), false);
        }
        List<DatasetColumn> columns;
        DatasetProfile profile;
        try (DatasetReader reader = DatasetReader.open(source)) {
            columns = reader.columns();
            profile = DatasetProfiler.profile(reader);
        }
        // The profile must describe the bytes the digest names: refuse a file rewritten while it was read.
        if (!ContentHash.of(source).equals(digest)) {
            throw GyreException.invalid(source.path() + " changed while it was being registered; register it again");
        }
        List<Boolean> nullable = profile.features().stream()
                .map(FeatureProfile::counts)
                .map(counts -> counts.missing() > 0)
                .toList();
        return datasets.register(new NewDatasetVersion(
                name,
                digest,
                source.path().toString(),
                source.format().name().toLowerCase(Locale.ROOT),
                profile.rowCount(),
                DatasetSchemaJson.write(columns, nullable),
                profileJson.write(profile),
                description));
    }

    /**
     * Records that run {@code runId} used {@code version}, through MLflow's log-inputs, so that {@code runs/get}
     * lists it. Logging the same version to a run again is a no-op.
     *
     * @param context the dataset's role, stored as the input tag {@value MlflowDatasets#CONTEXT_TAG}; may be null
     */
    public static void linkToRun(TrackingStore tracking, String runId, DatasetVersion version, String context) {
        tracking.logInputs(runId, List.of(MlflowDatasets.input(version, context)));
    }
}
