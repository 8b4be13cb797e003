package dev.gyre.store.sql;

import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TrackingStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link DurabilityTest} kills: it opens an embedded store, logs to a run, prints {@code LOGGED
 * <runId>} once the call has returned, and then waits to be killed with the database still open.
 */
public final class DurabilityChild {
    private DurabilityChild() {}

    public static void main(String[] args) throws Exception {
        MetadataStores stores = SqlMetadataStores.open("h2:" + args[0], "mlflow-artifacts:/");
        TrackingStore store = stores.tracking();
        String exp = store.createExperiment("durable", null, List.of());
        String runId = store.createRun(exp, "child", 1, List.of(), "durable-run")
                .info()
                .runId();
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            metrics.add(new Metric("loss", 1.0 / (i + 1), 1000 + i, i));
        }
        store.logBatch(runId, metrics, List.of(new Param("lr", "0.1")), List.of());
        System.out.println("LOGGED " + runId);
        System.out.flush();
        Thread.sleep(600_000);
        stores.close();
    }
}
