package dev.gyre.data.schema;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;

/**
 * A first schema from a profile, to be reviewed and tightened by people (TFDV's {@code infer_schema}). Per column:
 *
 * <ul>
 *   <li>type: the profiled type;
 *   <li>presence: the observed fraction of rows with a value, rounded down to two decimals (0.973 → 0.97), so a
 *       later sample with a slightly different rate passes, while a column never missing keeps 1.0 and must stay
 *       complete. No {@code not_null} expectation is inferred: presence 1.0 says the same, from the profile alone;
 *   <li>domain: for string and boolean columns with at most {@link InferenceOptions#maxDomainSize()} distinct
 *       values, only when the frequent-items sketch is exact and its counts add up to every value seen, so no
 *       rare value is left out; sorted;
 *   <li>range: the observed finite min and max of numeric columns, only with {@link InferenceOptions#withRanges()};
 *   <li>NaN and ∞ allowed exactly when the sample has them.
 * </ul>
 *
 * <p>No row-count expectation is inferred: the size of one sample says little about the next.
 */
public final class SchemaInference {

    private SchemaInference() {}

    public static Schema infer(DatasetProfile profile, InferenceOptions options) {
        List<ColumnSchema> columns = new ArrayList<>(profile.features().size());
        for (FeatureProfile feature : profile.features()) {
            columns.add(column(feature, profile.rowCount(), options));
        }
        return new Schema(columns, List.of());
    }

    private static ColumnSchema column(FeatureProfile feature, long rows, InferenceOptions options) {
        NumericRange range = null;
        if (options.withRanges()
                && feature.type() == GyreType.NUMERIC
                && feature.moments().count() > 0) {
            range = new NumericRange(feature.moments().min(), feature.moments().max());
        }
        boolean numeric = feature.type() == GyreType.NUMERIC;
        return new ColumnSchema(
                feature.name(),
                feature.type(),
                presence(feature.counts().present(), rows),
                domain(feature, options.maxDomainSize()).orElse(List.of()),
                range,
                !numeric || feature.counts().nan() > 0,
                !numeric
                        || feature.counts().positiveInfinity()
                                        + feature.counts().negativeInfinity()
                                > 0,
                null,
                null,
                List.of());
    }

    /** The present fraction rounded down to hundredths; exactly 1 only when no row is missing. */
    static double presence(long present, long rows) {
        if (rows == 0 || present == rows) {
            return rows == 0 ? 0 : 1;
        }
        return Math.floor((double) present / rows * 100) / 100;
    }

    /** Every distinct value, when the sketch knows them all exactly and they are few enough. */
    static Optional<List<String>> domain(FeatureProfile feature, int maxSize) {
        boolean categorical = feature.type() == GyreType.STRING || feature.type() == GyreType.BOOLEAN;
        FrequentItemsSketch<String> sketch = feature.sketches().frequentItemsSketch();
        if (!categorical || maxSize == 0 || sketch == null || sketch.isEmpty() || sketch.getMaximumError() != 0) {
            return Optional.empty();
        }
        FrequentItemsSketch.Row<String>[] rows = sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES);
        long covered = 0;
        List<String> values = new ArrayList<>(rows.length);
        for (FrequentItemsSketch.Row<String> row : rows) {
            covered += row.getEstimate();
            values.add(row.getItem());
        }
        if (values.size() > maxSize || covered != feature.counts().present()) {
            return Optional.empty();
        }
        return Optional.of(values.stream().sorted().toList());
    }
}
