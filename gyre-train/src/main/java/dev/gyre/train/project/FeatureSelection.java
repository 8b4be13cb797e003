package dev.gyre.train.project;

import java.util.ArrayList;
import java.util.List;

/**
 * Which columns a model sees. {@link AllColumns} is the convenient default but takes every new column the data
 * grows; {@link NamedColumns} fixes the model's inputs, which is what a serving contract wants.
 */
public sealed interface FeatureSelection permits FeatureSelection.AllColumns, FeatureSelection.NamedColumns {

    /**
     * The features among {@code columns} (the data's column names, in order): for {@link AllColumns} every column
     * but the target and the excluded ones, in data order; for {@link NamedColumns} the names as listed. Names that
     * are not columns are the business of {@link ProjectValidation}, not of this method.
     */
    List<String> resolve(List<String> columns, String target);

    /** Every column but the target and {@code exclude}. */
    record AllColumns(List<String> exclude) implements FeatureSelection {
        public AllColumns {
            exclude = List.copyOf(exclude);
        }

        @Override
        public List<String> resolve(List<String> columns, String target) {
            List<String> features = new ArrayList<>(columns);
            features.remove(target);
            features.removeAll(exclude);
            return List.copyOf(features);
        }
    }

    /** Exactly these columns, in this order. */
    record NamedColumns(List<String> names) implements FeatureSelection {
        public NamedColumns {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a feature list needs at least one column");
            }
        }

        @Override
        public List<String> resolve(List<String> columns, String target) {
            return names;
        }
    }
}
