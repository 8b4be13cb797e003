package dev.gyre.data.profile;

import java.lang.foreign.MemorySegment;
import java.util.Base64;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * A feature's sketches in their compact binary forms, base64-encoded, so a profile stays an immutable value that
 * serialises as is; each accessor decodes a fresh heap copy that the caller may update or merge. A sketch a
 * feature type does not use is {@code null}: KLL quantiles for numeric, boolean and temporal features; frequent
 * items for string and boolean features; HLL for all.
 *
 * @param kll base64 of {@link KllDoublesSketch#toByteArray()} over the finite values, or {@code null}
 * @param hll base64 of {@link HllSketch#toCompactByteArray()} over the non-missing values
 * @param frequentItems base64 of {@link FrequentItemsSketch#toByteArray} (strings), or {@code null}
 */
public record FeatureSketches(String kll, String hll, String frequentItems) {

    static FeatureSketches of(KllDoublesSketch kll, HllSketch hll, FrequentItemsSketch<String> frequentItems) {
        return new FeatureSketches(
                kll == null ? null : encode(kll.toByteArray()),
                encode(hll.toCompactByteArray()),
                frequentItems == null ? null : encode(frequentItems.toByteArray(new ArrayOfStringsSerDe())));
    }

    public KllDoublesSketch kllSketch() {
        return kll == null ? null : KllDoublesSketch.heapify(MemorySegment.ofArray(decode(kll)));
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

    /** The sketches of the union of both parts' values; each sketch keeps its documented error bound. */
    public FeatureSketches merge(FeatureSketches other) {
        KllDoublesSketch mergedKll = kllSketch();
        if (mergedKll != null && other.kll != null) {
            mergedKll.merge(other.kllSketch());
        }
        HllUnion union = new HllUnion(SketchParameters.HLL_LG_K);
        union.update(hllSketch());
        union.update(other.hllSketch());
        FrequentItemsSketch<String> mergedItems = frequentItemsSketch();
        if (mergedItems != null && other.frequentItems != null) {
            mergedItems.merge(other.frequentItemsSketch());
        }
        return of(mergedKll, union.getResult(TgtHllType.HLL_8), mergedItems);
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return Base64.getDecoder().decode(text);
    }
}
