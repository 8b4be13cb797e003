package dev.gyre.data.quality;

import java.util.List;
import java.util.Locale;

/**
 * How the labels are distributed. Rare classes are hard to learn and to evaluate; a single class cannot be learned.
 *
 * @param classes every label value, most frequent first
 * @param unlabeledRows rows whose label is NULL (left out of the fractions)
 * @param imbalanceRatio the largest class count over the smallest
 */
public record ClassBalance(Severity severity, List<ClassCount> classes, long unlabeledRows, double imbalanceRatio)
        implements Finding {

    public ClassBalance {
        classes = List.copyOf(classes);
    }

    /** The labels flagged rare. */
    public List<String> rareClasses() {
        return classes.stream().filter(ClassCount::rare).map(ClassCount::label).toList();
    }

    @Override
    public String summary() {
        if (classes.size() < 2) {
            return classes.size() + " label value(s): nothing to learn";
        }
        String ratio = String.format(Locale.ROOT, "%.1f", imbalanceRatio);
        List<String> rare = rareClasses();
        return classes.size() + " classes, imbalance ratio " + ratio
                + (rare.isEmpty() ? "" : ", rare: " + String.join(", ", rare));
    }
}
