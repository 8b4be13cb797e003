package dev.gyre.data.quality;

import java.util.List;

/**
 * Rows repeated exactly (all columns, NULLs equal): they inflate some examples' weight and leak between train and
 * test splits.
 *
 * @param duplicateRows rows beyond the first copy of each distinct row
 * @param fraction {@code duplicateRows} over all rows
 * @param groups distinct rows that occur more than once
 * @param examples the most repeated rows, most copies first
 */
public record DuplicateRows(
        Severity severity, long duplicateRows, double fraction, long groups, List<DuplicateGroup> examples)
        implements Finding {

    public DuplicateRows {
        examples = List.copyOf(examples);
    }

    @Override
    public String summary() {
        if (duplicateRows == 0) {
            return "no duplicate rows";
        }
        return duplicateRows + " duplicate rows (" + Percent.of(fraction) + ") in " + groups + " groups";
    }
}
