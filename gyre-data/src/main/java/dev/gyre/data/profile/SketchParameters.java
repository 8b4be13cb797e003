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
 */
public final class SketchParameters {

    public static final int KLL_K = 200;
    public static final int HLL_LG_K = 12;
    public static final int FREQUENT_ITEMS_MAX_MAP_SIZE = 512;

    private SketchParameters() {}
}
