package dev.gyre.bench;

import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Tag;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deterministic content of benchmark run {@code i}: 3 params, 3 metrics and 2 tags, as a typical
 * hyper-parameter sweep logs. {@code params.model} is uniform over four values and {@code metrics.auc} uniform
 * in [0.5, 1), so the filter {@value #FILTER} matches about 10% of the runs. The same run index always yields the
 * same content, whether populated over HTTP or through the store.
 */
record RunCorpus(int index, String model, double auc, double loss, double accuracy, long startTime) {

    /** The realistic search filter the latency benchmark uses. */
    static final String FILTER = "metrics.auc > 0.8 and params.model = 'xgb'";

    static final List<String> MODELS = List.of("xgb", "lgbm", "rf", "logreg");

    /** Start times are spaced one millisecond apart from a fixed epoch, so the default order is deterministic. */
    static final long EPOCH_MS = 1_700_000_000_000L;

    static RunCorpus of(int index) {
        SplittableRandom random = new SplittableRandom(0x6779_7265L * 31 + index);
        String model = MODELS.get(random.nextInt(MODELS.size()));
        double auc = 0.5 + random.nextDouble() * 0.5;
        double loss = random.nextDouble();
        double accuracy = 0.5 + random.nextDouble() * 0.5;
        return new RunCorpus(index, model, auc, loss, accuracy, EPOCH_MS + index);
    }

    String runName() {
        return "bench-" + index;
    }

    List<Param> params() {
        return List.of(
                new Param("model", model),
                new Param("learning_rate", Double.toString(0.01 * (1 + index % 10))),
                new Param("max_depth", Integer.toString(3 + index % 8)));
    }

    List<Metric> metrics() {
        long ts = startTime + 1000;
        return List.of(
                new Metric("auc", auc, ts, 0),
                new Metric("loss", loss, ts, 0),
                new Metric("accuracy", accuracy, ts, 0));
    }

    List<Tag> tags() {
        return List.of(new Tag("team", "team-" + index % 7), new Tag("dataset", "ds-" + index % 13));
    }

    /** True when this run matches {@link #FILTER}. */
    boolean matchesFilter() {
        return auc > 0.8 && model.equals("xgb");
    }
}
