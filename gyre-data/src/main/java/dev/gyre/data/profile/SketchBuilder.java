package dev.gyre.data.profile;

import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.GyreType;
import java.util.Arrays;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Feeds one column's non-missing values, each with a weight (how many rows hold it), into the sketches its type
 * uses. HLL ignores repeats, frequent items take weights as counts, and KLL takes large weights as one weighted
 * update, so a value repeated in a million rows costs about as much as one. A column known to hold at most {@link
 * SketchParameters#EXACT_VALUES_LIMIT} finite values collects them instead of a KLL sketch and sorts them at the
 * end, so the result does not depend on the order DuckDB hands the values over. Mutable, one per column, one thread.
 */
final class SketchBuilder {

    /**
     * A weighted KLL update merges a small sketch (microseconds) while a buffered one costs nanoseconds per copy;
     * below this weight, repeating the value is cheaper.
     */
    private static final long MIN_WEIGHTED_UPDATE = 256;

    private final boolean booleans;
    private KllDoublesSketch kll;
    private final ExactTally tally = new ExactTally();
    private final HllSketch hll = new HllSketch(SketchParameters.HLL_LG_K, TgtHllType.HLL_8);
    private final FrequentItemsSketch<String> frequentItems;
    private double[] buffer;
    private int buffered;
    /** The finite values so far, when kept exactly; else {@code null}. */
    private double[] exact;

    private int exactCount;

    /**
     * @param finiteCount the column's number of finite values, from the census: at most {@link
     *     SketchParameters#EXACT_VALUES_LIMIT} keeps them exactly instead of in a KLL sketch
     */
    SketchBuilder(DatasetColumn column, long finiteCount) {
        boolean text = column.type() == GyreType.STRING;
        boolean small = !text && finiteCount <= SketchParameters.EXACT_VALUES_LIMIT;
        this.booleans = column.type() == GyreType.BOOLEAN;
        this.kll = text || small ? null : KllDoublesSketch.newHeapInstance(SketchParameters.KLL_K);
        this.frequentItems =
                text || booleans ? new FrequentItemsSketch<>(SketchParameters.FREQUENT_ITEMS_MAX_MAP_SIZE) : null;
        this.buffer = text || small ? null : new double[DatasetReader.BATCH_ROWS];
        this.exact = small ? new double[(int) finiteCount] : null;
    }

    /** A non-missing value of a numeric, boolean (1/0) or temporal column; KLL sees only finite values. */
    void add(double value, long weight) {
        tally.add(value, weight);
        hll.update(value);
        if (booleans) {
            frequentItems.update(value == 0 ? "false" : "true", weight);
        }
        if (Double.isFinite(value)) {
            addFinite(value, weight);
        }
    }

    private void addFinite(double value, long weight) {
        if (exact != null) {
            keep(value, weight);
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
        tally.add(value, weight);
        hll.update(value);
        frequentItems.update(value, weight);
    }

    /** The exact statistics of the values added so far. */
    ExactTally tally() {
        return tally;
    }

    FeatureSketches build() {
        if (exact != null) {
            double[] sorted = Arrays.copyOf(exact, exactCount);
            Arrays.sort(sorted);
            return FeatureSketches.ofExact(sorted, hll, frequentItems);
        }
        flush();
        return FeatureSketches.of(kll, hll, frequentItems);
    }

    /**
     * Keeps {@code weight} copies of an exact value. Should more values arrive than the census counted (the data
     * changed between passes), the builder grows up to the limit and past it falls back to a KLL sketch.
     */
    private void keep(double value, long weight) {
        long needed = exactCount + weight;
        if (needed > SketchParameters.EXACT_VALUES_LIMIT) {
            kll = KllDoublesSketch.newHeapInstance(SketchParameters.KLL_K);
            buffer = new double[DatasetReader.BATCH_ROWS];
            if (exactCount > 0) {
                kll.update(exact, 0, exactCount);
            }
            exact = null;
            addFinite(value, weight);
            return;
        }
        if (needed > exact.length) {
            exact = Arrays.copyOf(exact, (int) needed);
        }
        Arrays.fill(exact, exactCount, (int) needed, value);
        exactCount = (int) needed;
    }

    private void flush() {
        if (buffered > 0) {
            kll.update(buffer, 0, buffered);
            buffered = 0;
        }
    }
}
