package dev.gyre.data.profile;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Optional;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * A feature's sketches in their compact binary forms, base64-encoded, so a profile stays an immutable value that
 * serialises as is; each accessor decodes a fresh heap copy that the caller may update or merge. A sketch a
 * feature type does not use is {@code null}: quantiles for numeric, boolean and temporal features; frequent items
 * for string and boolean features; HLL for all.
 *
 * <p>Quantiles come in one of two forms. A feature with at most {@link SketchParameters#EXACT_VALUES_LIMIT} finite
 * values keeps them exactly ({@code exact}, and {@code kll} is {@code null}): KLL compaction is randomised, so
 * storing a sketch of them would make two profiles of the same bytes differ, while the exact values are the same
 * on every run and strictly more informative. {@link #kllSketch()} then builds a sketch of them on demand, for
 * callers that only speak KLL. Larger features keep the KLL sketch alone.
 *
 * @param kll base64 of {@link KllDoublesSketch#toByteArray()} over the finite values, or {@code null}
 * @param hll base64 of {@link HllSketch#toCompactByteArray()} over the non-missing values
 * @param frequentItems base64 of {@link FrequentItemsSketch#toByteArray} (strings), or {@code null}
 * @param exact base64 of the finite values sorted ascending ({@link Double#compare} order) as little-endian IEEE
 *     754 doubles, or {@code null}; never set together with {@code kll}
 */
public record FeatureSketches(String kll, String hll, String frequentItems, String exact) {

    public FeatureSketches {
        if (kll != null && exact != null) {
            throw new IllegalArgumentException("a feature keeps either a KLL sketch or its exact values, not both");
        }
    }

    /** Sketches without exact values, as format version 1 stores them. */
    public FeatureSketches(String kll, String hll, String frequentItems) {
        this(kll, hll, frequentItems, null);
    }

    static FeatureSketches of(KllDoublesSketch kll, HllSketch hll, FrequentItemsSketch<String> frequentItems) {
        return new FeatureSketches(
                kll == null ? null : encode(kll.toByteArray()), encode(hll.toCompactByteArray()), items(frequentItems));
    }

    /** Sketches whose quantiles are the exact {@code sortedValues} (finite, ascending; not copied, not kept). */
    static FeatureSketches ofExact(double[] sortedValues, HllSketch hll, FrequentItemsSketch<String> frequentItems) {
        return new FeatureSketches(
                null, encode(hll.toCompactByteArray()), items(frequentItems), encode(toBytes(sortedValues)));
    }

    /**
     * The quantile sketch: the stored one, or, for a feature with exact values, a fresh sketch of them (which,
     * above {@value SketchParameters#KLL_K} values, differs slightly from call to call); {@code null} for features
     * without quantiles.
     */
    public KllDoublesSketch kllSketch() {
        if (exact != null) {
            KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(SketchParameters.KLL_K);
            double[] values = fromBytes(decode(exact));
            if (values.length > 0) {
                sketch.update(values, 0, values.length);
            }
            return sketch;
        }
        return kll == null ? null : KllDoublesSketch.heapify(MemorySegment.ofArray(decode(kll)));
    }

    /** The exact finite values in ascending order (a fresh array), when the feature keeps them. */
    public Optional<double[]> exactValues() {
        return exact == null ? Optional.empty() : Optional.of(fromBytes(decode(exact)));
    }

    public HllSketch hllSketch() {
        return HllSketch.heapify(decode(hll));
    }

    public FrequentItemsSketch<String> frequentItemsSketch() {
        return frequentItems == null
                ? null
                : FrequentItemsSketch.getInstance(
                        MemorySegment.ofArray(decode(frequentItems)), new ArrayOfStringsSerDe());
    }

    /**
     * The sketches of the union of both parts' values; each sketch keeps its documented error bound. Exact values
     * survive while both parts have them and together hold at most {@link SketchParameters#EXACT_VALUES_LIMIT};
     * otherwise the union gets a KLL sketch, as a profile of that many values would.
     */
    public FeatureSketches merge(FeatureSketches other) {
        HllUnion union = new HllUnion(SketchParameters.HLL_LG_K);
        union.update(hllSketch());
        union.update(other.hllSketch());
        HllSketch mergedHll = union.getResult(TgtHllType.HLL_8);
        FrequentItemsSketch<String> mergedItems = frequentItemsSketch();
        if (mergedItems != null && other.frequentItems != null) {
            mergedItems.merge(other.frequentItemsSketch());
        }
        if (exact != null && other.exact != null) {
            double[] mine = fromBytes(decode(exact));
            double[] theirs = fromBytes(decode(other.exact));
            if (mine.length + theirs.length <= SketchParameters.EXACT_VALUES_LIMIT) {
                return ofExact(mergeSorted(mine, theirs), mergedHll, mergedItems);
            }
        }
        KllDoublesSketch mergedKll = kllSketch();
        if (mergedKll != null && (other.kll != null || other.exact != null)) {
            mergedKll.merge(other.kllSketch());
        }
        return of(mergedKll, mergedHll, mergedItems);
    }

    /** The sorted union (with repeats) of two arrays sorted in {@link Double#compare} order. */
    static double[] mergeSorted(double[] a, double[] b) {
        double[] merged = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            merged[n++] = Double.compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
        }
        System.arraycopy(a, i, merged, n, a.length - i);
        System.arraycopy(b, j, merged, n + a.length - i, b.length - j);
        return merged;
    }

    private static String items(FrequentItemsSketch<String> frequentItems) {
        return frequentItems == null ? null : encode(frequentItems.toByteArray(new ArrayOfStringsSerDe()));
    }

    private static byte[] toBytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    /** Decodes exact values, refusing a damaged field (odd length, unsorted or non-finite values). */
    private static double[] fromBytes(byte[] bytes) {
        if (bytes.length % Double.BYTES != 0) {
            throw new IllegalArgumentException("exact values are not a whole number of doubles");
        }
        double[] values = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || (i > 0 && Double.compare(values[i - 1], values[i]) > 0)) {
                throw new IllegalArgumentException("exact values must be finite and sorted");
            }
        }
        return values;
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return Base64.getDecoder().decode(text);
    }
}
