package dev.gyre.data.read;

/**
 * Hears how far DuckDB got with a statement of a {@link DatasetReader}, so a caller can show progress while a large
 * text file is parsed or a query scans it, instead of only when a whole pass ends. The reader polls DuckDB only for
 * a listener other than {@link #NONE}, from a virtual thread of its own, about every
 * {@value DatasetReader#PROGRESS_POLL_MILLIS} ms while a statement runs; calls may come from several such threads at
 * once (queries run in parallel), so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ReadProgress {

    /** Ignores progress; a reader given it never polls DuckDB. */
    ReadProgress NONE = (stage, percentage, rowsProcessed, totalRows) -> {};

    /** What the polled statement is doing. */
    enum Stage {
        /** Parsing a CSV or JSON file into the reader's table, at {@link DatasetReader#open}. */
        LOADING,
        /** A {@link DatasetReader#query}: an aggregation or scan over the dataset. */
        QUERYING
    }

    /**
     * One update. Within one statement the percentage never decreases, and a statement that succeeds ends with
     * 100. The row counts are DuckDB's estimates: for a CSV file it counts in units derived from the file's bytes,
     * so they need not match the file's rows.
     *
     * @param stage what the statement is doing
     * @param percentage 0 to 100
     * @param rowsProcessed rows (as DuckDB estimates them) processed so far
     * @param totalRows rows (as DuckDB estimates them) to process in all
     */
    void progress(Stage stage, double percentage, long rowsProcessed, long totalRows);
}
