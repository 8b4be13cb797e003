package dev.gyre.train.evaluate;

/**
 * How slices are cut and which count as "worst".
 *
 * @param maxCategories categories kept per string/boolean column, largest first; the rest form {@code "(other)"}
 * @param bins quantile bins per numeric/timestamp column (fewer when values repeat)
 * @param minSize smallest slice that may be ranked among the worst: smaller ones are too noisy to act on
 * @param maxWorst worst slices listed
 */
public record SliceSettings(int maxCategories, int bins, int minSize, int maxWorst) {

    /** 20 categories, 5 bins, at least 30 rows, 10 worst. */
    public static final SliceSettings DEFAULTS = new SliceSettings(20, 5, 30, 10);

    public SliceSettings {
        if (maxCategories < 1 || bins < 1 || minSize < 1 || maxWorst < 0) {
            throw new IllegalArgumentException("slice settings must be positive: " + maxCategories + " categories, "
                    + bins + " bins, min size " + minSize + ", " + maxWorst + " worst");
        }
    }
}
