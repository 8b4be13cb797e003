package dev.gyre.cli.predict;

import dev.gyre.data.read.ColumnVector;
import dev.gyre.data.read.RowBatch;
import java.util.function.Consumer;

/**
 * Consecutive rows of an input file, as many as one {@code --batch-size}, holding only the columns the model reads
 * (the others stay in DuckDB and are copied to the output there). Column {@code c} is the {@code c}-th column of the
 * file: a {@code double[]} with a {@code missing} mask for numeric, boolean (1/0) and temporal (epoch milliseconds)
 * columns, a {@code String[]} (null for missing) for text, null for a column the model does not read.
 *
 * @param firstRow the 0-based index in the file of the chunk's first row
 * @param size the number of rows
 * @param values per file column, its values, or null
 * @param missing per numeric file column, which values are SQL NULL; null for the others
 */
record Chunk(long firstRow, int size, Object[] values, boolean[][] missing) {

    /**
     * Cuts the reader's batches into chunks of exactly {@code capacity} rows (the last one shorter) and hands each to
     * a consumer as soon as it is full.
     */
    static final class Builder {
        private final boolean[] used;
        private final boolean[] text;
        private final int capacity;
        private final Consumer<Chunk> consumer;
        private long nextFirstRow;
        private Object[] values;
        private boolean[][] missing;
        private int size;

        /**
         * @param used which file columns to keep
         * @param text which of them are text
         * @param capacity rows per chunk
         * @param consumer gets each full chunk, and the last one at {@link #finish}
         */
        Builder(boolean[] used, boolean[] text, int capacity, Consumer<Chunk> consumer) {
            this.used = used.clone();
            this.text = text.clone();
            this.capacity = capacity;
            this.consumer = consumer;
            allocate();
        }

        /** Adds a batch of the reader's, emitting every chunk it fills. */
        void add(RowBatch batch) {
            int from = 0;
            while (from < batch.size()) {
                int take = Math.min(capacity - size, batch.size() - from);
                for (int c = 0; c < used.length; c++) {
                    if (!used[c]) {
                        continue;
                    }
                    switch (batch.columns().get(c)) {
                        case ColumnVector.Texts texts ->
                            System.arraycopy(texts.values(), from, (String[]) values[c], size, take);
                        case ColumnVector.Numbers numbers -> {
                            System.arraycopy(numbers.values(), from, (double[]) values[c], size, take);
                            System.arraycopy(numbers.missing(), from, missing[c], size, take);
                        }
                    }
                }
                size += take;
                from += take;
                if (size == capacity) {
                    emit();
                }
            }
        }

        /** Emits the last, partly filled chunk, if any rows are left. */
        void finish() {
            if (size > 0) {
                emit();
            }
        }

        private void emit() {
            Chunk chunk = new Chunk(nextFirstRow, size, values, missing);
            nextFirstRow += size;
            allocate();
            consumer.accept(chunk);
        }

        private void allocate() {
            values = new Object[used.length];
            missing = new boolean[used.length][];
            for (int c = 0; c < used.length; c++) {
                if (!used[c]) {
                    continue;
                }
                if (text[c]) {
                    values[c] = new String[capacity];
                } else {
                    values[c] = new double[capacity];
                    missing[c] = new boolean[capacity];
                }
            }
            size = 0;
        }
    }
}
