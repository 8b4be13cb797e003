package dev.gyre.model.frame;

/**
 * One named column of a {@link Frame}. Missing values are {@code NaN} in a {@link NumericColumn} and {@code null}
 * in a {@link TextColumn}, so training and serving agree on what "missing" is without a separate mask.
 */
public sealed interface Column permits NumericColumn, TextColumn {

    String name();

    ValueKind kind();

    /** Number of rows. */
    int size();

    /** Whether row {@code row} holds no value. */
    boolean isMissing(int row);

    /** The rows at {@code rows}, in that order (indexes may repeat), as a new column. */
    Column select(int[] rows);
}
