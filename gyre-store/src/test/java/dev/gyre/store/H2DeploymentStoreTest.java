package dev.gyre.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The DeploymentStore contract on an embedded H2 database (in memory; a file for the reopening test). */
class H2DeploymentStoreTest extends DeploymentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }

    @Override
    protected String durableBackendUri() {
        return "h2:" + dir.toAbsolutePath().resolve("gyre");
    }
}
