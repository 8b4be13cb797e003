package dev.gyre.data.profile;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Feeds one column's non-missing values, each with a weight (how many rows hold it), into the sketches its type
 * uses. HLL ignores repeats, frequent items take weights as counts, and KLL takes large weights as one weighted
 * update, so a value repeated in a million rows costs about as much as one. Mutable, one per column, one thread.
 */
final class SketchBuilder {

    /**
     * A weighted KLL update merges a small sketch (microseconds) while a buffered one costs nanoseconds per copy;
     * below this weight, repeating the value is cheaper.
     */
    private static final long MIN_WEIGHTED_UPDATE = 256;

    private final boolean booleans;
    private final KllDoublesSketch kll;
    private final HllSketch hll = new HllSketch(SketchParameters.HLL_LG_K, TgtHllType.HLL_8);
    private final FrequentItemsSketch<String> frequentItems;
    private final double[] buffer;
    private int buffered;

    SketchBuilder(DatasetColumn column) {
        boolean text = column.type() == GyreType.STRING;
        this.booleans = column.type() == GyreType.BOOLEAN;
        this.kll = text ? null : KllDoublesSketch.newHeapInstance(SketchParameters.KLL_K);
        this.frequentItems =
                text || booleans ? new FrequentItemsSketch<>(SketchParameters.FREQUENT_ITEMS_MAX_MAP_SIZE) : null;
        this.buffer = text ? null : new double[DatasetReader.BATCH_ROWS];
    }

    /** A non-missing value of a numeric, boolean (1/0) or temporal column; KLL sees only finite values. */
    void add(double value, long weight) {
        hll.update(value);
        if (booleans) {
            frequentItems.update(value == 0 ? "false" : "true", weight);
        }
        if (!Double.isFinite(value)) {
            return;
        }
        if (weight >= MIN_WEIGHTED_UPDATE) {
            kll.update(value, weight);
            return;
        }
        for (long copy = 0; copy < weight; copy++) {
            buffer[buffered++] = value;
            if (buffered == buffer.length) {
                flush();
            }
        }
    }

    /** A non-missing value of a text column. */
    void add(String value, long weight) {
        hll.update(value);
        frequentItems.update(value, weight);
    }

    FeatureSketches build() {
        flush();
        return FeatureSketches.of(kll, hll, frequentItems);
    }

    private void flush() {
        if (buffered > 0) {
            kll.update(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
