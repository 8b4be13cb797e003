package dev.gyre.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.tracking.Metric;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded file database reclaims the dead space that durable commits leave behind when it closes. */
class CompactOnCloseTest {

    @Test
    void closingTheEmbeddedStoreShrinksTheFileAndKeepsTheData(@TempDir Path dir) throws Exception {
        String uri = "h2:" + dir.resolve("db");
        Path file = dir.resolve("db.mv.db");
        String runId;
        long sizeWhileOpen;
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            TrackingStore tracking = stores.tracking();
            String exp = tracking.createExperiment("compact", null, List.of());
            runId = tracking.createRun(exp, "u", 0, List.of(), "r").info().runId();
            for (int batch = 0; batch < 100; batch++) {
                List<Metric> metrics = new ArrayList<>();
                for (int key = 0; key < 100; key++) {
                    metrics.add(new Metric("m" + key, key * 0.5 + batch, 1_000L + batch, batch));
                }
                tracking.logBatch(runId, metrics, List.of(), List.of());
            }
            sizeWhileOpen = Files.size(file);
        }
        long sizeAfterClose = Files.size(file);
        assertThat(sizeAfterClose).isLessThan(sizeWhileOpen / 2);

        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            assertThat(stores.tracking()
                            .getMetricHistory(runId, "m7", 1000, null)
                            .items())
                    .hasSize(100);
            assertThat(stores.tracking().getRun(runId).data().metrics()).hasSize(100);
        }
    }
}
