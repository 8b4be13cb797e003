package dev.gyre.data.profile;

/**
 * The sketch sizes every profile uses, fixed so that profiles written at different times merge. Error bounds:
 *
 * <ul>
 *   <li>KLL quantiles, k = {@value #KLL_K}: normalised rank error ≈ 1.65% (99% confidence, single quantile), so
 *       the reported median lies between the exact 48.35% and 51.65% quantiles; histogram bucket masses carry the
 *       same absolute error as a fraction of the count.
 *   <li>HLL distinct count, lg k = {@value #HLL_LG_K} (4096 buckets, HLL_8): relative standard error ≈ 1.04/√4096 ≈
 *       1.6%; exact below a few hundred distinct values.
 *   <li>Frequent items, max map size {@value #FREQUENT_ITEMS_MAX_MAP_SIZE}: each count is over-/under-estimated by
 *       at most ε·n with ε = 3.5/{@value #FREQUENT_ITEMS_MAX_MAP_SIZE} ≈ 0.68% of the non-missing count n; exact
 *       while fewer than 384 distinct values have been seen.
 * </ul>
 *
 * <p>KLL compaction flips a coin from an unseedable static {@code Random} inside DataSketches, so above {@value
 * #KLL_K} values two profiles of the same bytes hold slightly different sketches (each within the rank error
 * above). A column with at most {@value #EXACT_VALUES_LIMIT} finite values therefore keeps its exact sorted values
 * instead (see {@link FeatureSketches}): its quantiles, histograms and drift statistics are exact and the same on
 * every run.
 */
public final class SketchParameters {

    public static final int KLL_K = 200;
    public static final int HLL_LG_K = 12;
    public static final int FREQUENT_ITEMS_MAX_MAP_SIZE = 512;

    /**
     * Most finite values a feature keeps exactly. Below it the sketch error dominates drift tests: two k = 200
     * sketches shift KS D by up to ≈ 0.027, the 5% critical D of two samples of n is 1.36·√(2/n), and the two meet
     * near n ≈ 5000. At 4096 the exact values cost 32 KiB (≈ 44 KiB of base64) per feature against ≈ 5 KiB for a
     * full KLL sketch, so a profile of a few dozen small columns stays around a megabyte.
     */
    public static final int EXACT_VALUES_LIMIT = 4096;

    private SketchParameters() {}
}
