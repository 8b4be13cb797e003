package dev.gyre.model.pack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a packaged model came from — data, code, parameters and seed — so that any model can be traced to what made
 * it and trained again (provenance is data, as Tribuo attaches it to every model).
 *
 * @param project the project name from gyre.yaml
 * @param projectDigest content hash of the project file, e.g. {@code sha256:…}
 * @param runId the MLflow run that trained the model, or {@code null} when trained without tracking
 * @param gitCommit the commit of the code that trained it, or {@code null} outside a git work tree
 * @param seed the seed of the split and the trainer
 * @param trainer the trainer kind, e.g. {@code xgboost}
 * @param params the trainer parameters actually used, as strings
 * @param datasets the data the model saw
 */
public record Lineage(
        String project,
        String projectDigest,
        String runId,
        String gitCommit,
        long seed,
        String trainer,
        Map<String, String> params,
        List<DatasetUse> datasets) {

    public Lineage {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(trainer, "trainer");
        params = Map.copyOf(params);
        datasets = List.copyOf(datasets);
    }

    /**
     * One dataset a model used.
     *
     * @param role {@code train}, {@code validation} or {@code test} (parts of one file share its digest)
     * @param name the registered dataset name, or {@code null} for a plain file
     * @param version the registered version, or {@code null} for a plain file
     * @param digest the content hash of the bytes
     * @param source where the bytes were read
     * @param rows rows used in this role
     */
    public record DatasetUse(String role, String name, Long version, String digest, String source, long rows) {
        public DatasetUse {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(source, "source");
        }
    }
}
