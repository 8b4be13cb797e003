package dev.gyre.cli.serve;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.EmbeddedGyre;
import dev.gyre.core.config.ConfigOverrides;
import dev.gyre.core.config.GyreConfig;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.artifact.LocalArtifactStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the commands that load models for scoring ({@code gyre serve}, {@code gyre predict}) resolve {@code
 * models:/} references: the metadata store's registry and the artifact folder holding the packages. Opened only when a
 * registered model is asked for, so serving local files needs no store at all.
 */
public final class ModelStoreOptions {

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description = "Registry to resolve models:/ references in (GYRE_BACKEND_STORE_URI, default"
                    + " h2:$GYRE_HOME/db/gyre).")
    String backendStoreUri;

    @Option(
            names = "--artifacts-destination",
            paramLabel = "DIR",
            description = "Artifact folder holding registered packages (GYRE_ARTIFACTS_DESTINATION, default"
                    + " $GYRE_HOME/artifacts).")
    String artifactsDestination;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file to read instead of $GYRE_HOME/gyre.properties.")
    Path configFile;

    /** A loader over the stores when {@code registered}, else one for local files only; the caller closes it. */
    public Opened open(CliContext context, boolean registered) {
        if (!registered) {
            return new Opened(null, new ModelLoader(null, null));
        }
        GyreConfig config = context.config(
                new ConfigOverrides(null, configFile, null, null, backendStoreUri, artifactsDestination, null));
        MetadataStores stores = EmbeddedGyre.openStoresForReading(config.backendStoreUri());
        return new Opened(
                stores, new ModelLoader(stores.registry(), new LocalArtifactStore(config.artifactsDestination())));
    }

    /**
     * The loader and, when opened, the stores behind it.
     *
     * @param stores the metadata stores, or null when only local files are loaded
     * @param loader the model loader
     */
    public record Opened(MetadataStores stores, ModelLoader loader) implements AutoCloseable {
        @Override
        public void close() {
            if (stores != null) {
                stores.close();
            }
        }
    }
}
