package dev.gyre.train.split;

import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import java.util.HashMap;
import java.util.Map;

/** Numbers each row's class for a stratified split: 0 for the first row's class, then in order of first appearance. */
final class Strata {

    private Strata() {}

    /** The stratum of every row of {@code labels}; a missing label is a stratum of its own. */
    static int[] of(Column labels) {
        int[] strata = new int[labels.size()];
        Map<Object, Integer> ids = new HashMap<>();
        for (int row = 0; row < strata.length; row++) {
            strata[row] = ids.computeIfAbsent(key(labels, row), k -> ids.size());
        }
        return strata;
    }

    private static Object key(Column labels, int row) {
        if (labels.isMissing(row)) {
            return Missing.LABEL;
        }
        return switch (labels) {
            case NumericColumn numeric -> numeric.get(row) == 0.0 ? 0.0 : numeric.get(row);
            case TextColumn text -> text.get(row);
        };
    }

    private enum Missing {
        LABEL
    }
}
