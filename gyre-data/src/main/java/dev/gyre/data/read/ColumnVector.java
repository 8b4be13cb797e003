package dev.gyre.data.read;

/**
 * The values of one column within a {@link RowBatch}. The arrays belong to the batch and are not copied; only the
 * first {@link RowBatch#size()} entries are filled.
 */
public sealed interface ColumnVector {

    /**
     * Numeric, boolean (1/0) and temporal (epoch milliseconds, UTC) values; {@code missing[i]} marks SQL NULLs.
     */
    record Numbers(double[] values, boolean[] missing) implements ColumnVector {}

    /** Text values; {@code null} entries are SQL NULLs. */
    record Texts(String[] values) implements ColumnVector {}
}
