package dev.gyre.data.read;

import java.util.List;

/**
 * Up to {@link DatasetReader#BATCH_ROWS} consecutive rows, stored by column in the order of
 * {@link DatasetReader#columns()}. A fresh batch is handed out each time, so consumers may keep one, though they
 * usually fold it into a summary and drop it, which keeps memory flat.
 */
public record RowBatch(int size, List<ColumnVector> columns) {

    public RowBatch {
        columns = List.copyOf(columns);
    }
}
