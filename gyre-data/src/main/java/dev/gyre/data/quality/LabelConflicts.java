package dev.gyre.data.quality;

import java.util.List;

/**
 * Identical feature vectors that carry more than one label: a model cannot fit them all, and they usually mean
 * labeling noise or a missing feature.
 *
 * @param groups feature vectors with two or more distinct labels
 * @param rows rows in those groups
 * @param rowFraction {@code rows} over the rows with a label
 * @param examples the largest groups, largest first
 */
public record LabelConflicts(
        Severity severity, long groups, long rows, double rowFraction, List<ConflictGroup> examples)
        implements Finding {

    public LabelConflicts {
        examples = List.copyOf(examples);
    }

    @Override
    public String summary() {
        if (groups == 0) {
            return "every feature vector carries a single label";
        }
        return groups + " feature vectors carry more than one label (" + rows + " rows, " + Percent.of(rowFraction)
                + ")";
    }
}
