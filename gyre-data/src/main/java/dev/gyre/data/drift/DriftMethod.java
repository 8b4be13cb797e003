package dev.gyre.data.drift;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one feature's drift is measured. A p-value method reports drift when {@code p < threshold}; a distance method
 * when {@code statistic >= threshold}.
 */
public enum DriftMethod {
    /** Two-sample Kolmogorov–Smirnov test ({@link KolmogorovSmirnov}); numeric. */
    KOLMOGOROV_SMIRNOV(true, true, false),
    /** Wasserstein-1 divided by the reference's standard deviation ({@link WassersteinDistance}); numeric. */
    WASSERSTEIN_NORMED(false, true, false),
    /** Population Stability Index ({@link PopulationStabilityIndex}); numeric or categorical. */
    PSI(false, true, true),
    /** Jensen–Shannon distance, base 2 ({@link JensenShannonDistance}); numeric or categorical. */
    JENSEN_SHANNON(false, true, true),
    /** Chi-square test of homogeneity ({@link ChiSquareHomogeneity}); categorical. */
    CHI_SQUARE(true, false, true),
    /** Two-proportion z-test ({@link ProportionZTest}); binary categorical. */
    Z_TEST(true, false, true),
    /** Largest change of a category's share ({@link LInfinityDistance}); categorical. */
    L_INFINITY(false, false, true);

    private final boolean pValueBased;
    private final boolean numeric;
    private final boolean categorical;

    DriftMethod(boolean pValueBased, boolean numeric, boolean categorical) {
        this.pValueBased = pValueBased;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /** Whether the threshold applies to a p-value (drift if below) rather than to the statistic (drift if at or above). */
    public boolean pValueBased() {
        return pValueBased;
    }

    /** Whether the method applies to numeric features. */
    public boolean supportsNumeric() {
        return numeric;
    }

    /** Whether the method applies to categorical features. */
    public boolean supportsCategorical() {
        return categorical;
    }

    /** The method's name in reports and options: the constant in lower case, e.g. {@code kolmogorov_smirnov}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method named {@code label} (as {@link #label()} spells it, any case).
     *
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static DriftMethod named(String label) {
        for (DriftMethod method : values()) {
            if (method.label().equalsIgnoreCase(label.strip())) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown drift method '" + label + "' (expected one of "
                + Arrays.stream(values()).map(DriftMethod::label).collect(Collectors.joining(", "))
                + ")");
    }

    /** Whether a result with this statistic and p-value means drift at {@code threshold}. */
    public boolean drifted(double statistic, double pValue, double threshold) {
        return pValueBased ? pValue < threshold : statistic >= threshold;
    }
}
