package dev.gyre.data.profile;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.ReadProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes a {@link DatasetProfile} without materialising the data. A cheap DuckDB aggregate query first counts rows
 * and values and estimates each column's distinct values ({@link ColumnCensus}); that decides how the one real pass
 * reads each column ({@link ColumnSketches}): its queries run in parallel, one thread per core, each on its own
 * DuckDB connection, and Java feeds each value, mostly as a counted distinct value, to the column's sketches and
 * its exact statistics at once ({@link SketchBuilder}, {@link ExactTally}), so memory does not grow with rows.
 *
 * <p>A non-text column with at most {@link SketchParameters#EXACT_VALUES_LIMIT} finite values keeps them exactly
 * and sorted (see {@link FeatureSketches}), so profiling the same small data twice gives the same profile; larger
 * columns keep a KLL sketch, whose randomised compaction makes repeated profiles differ within its rank error.
 */
public final class DatasetProfiler {

    private DatasetProfiler() {}

    /**
     * Hears how far a profile got, so a CLI can show progress on a long read without the profiler knowing about
     * terminals. Called from the profiling threads, once when the census ends and once per finished sketch pass.
     */
    @FunctionalInterface
    public interface Listener {

        /** A listener that ignores progress. */
        Listener NONE = (rowsRead, passesDone, passes) -> {};

        /**
         * @param rowsRead rows read so far: 0 until the first (census) pass ends, then all of them
         * @param passesDone passes over the data finished, the census included
         * @param passes all passes, known once the census ends (0 before)
         */
        void progress(long rowsRead, int passesDone, int passes);

        /**
         * Where to send DuckDB's progress within a statement (parsing a text file, each pass's query), which is the
         * only sign of life during the seconds a large CSV takes to parse. {@link ReadProgress#NONE} by default,
         * so listeners that do not ask for it cost no polling.
         */
        default ReadProgress readProgress() {
            return ReadProgress.NONE;
        }
    }

    /** Reads and profiles {@code source}; bad files fail with a {@code GyreException} naming them. */
    public static DatasetProfile profile(DatasetSource source) {
        return profile(source, Listener.NONE);
    }

    /** {@link #profile(DatasetSource)}, telling {@code listener} how far it got. */
    public static DatasetProfile profile(DatasetSource source, Listener listener) {
        try (DatasetReader reader = DatasetReader.open(source, listener.readProgress())) {
            return profile(reader, listener);
        }
    }

    /** Profiles the rows of {@code reader}; the caller keeps ownership of the reader. */
    public static DatasetProfile profile(DatasetReader reader) {
        return profile(reader, Listener.NONE);
    }

    /** {@link #profile(DatasetReader)}, telling {@code listener} how far it got. */
    public static DatasetProfile profile(DatasetReader reader, Listener listener) {
        ColumnCensus.Result census = ColumnCensus.of(reader);
        List<DatasetColumn> columns = reader.columns();
        int threads = Math.max(1, Math.min(columns.size(), Runtime.getRuntime().availableProcessors()));
        SketchBuilder[] builders = new SketchBuilder[columns.size()];
        List<Integer> grouped = new ArrayList<>();
        List<Integer> streamed = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            (ColumnSketches.groups(columns.get(c), census.columns().get(c)) ? grouped : streamed).add(c);
        }
        List<List<Integer>> chunks = chunks(grouped, threads);
        int passes = 1 + streamed.size() + chunks.size();
        AtomicInteger done = new AtomicInteger(1);
        listener.progress(census.rowCount(), 1, passes);
        Runnable passDone = () -> listener.progress(census.rowCount(), done.incrementAndGet(), passes);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int index : streamed) {
                tasks.add(pool.submit(() -> {
                    builders[index] = ColumnSketches.streamed(reader, index, census);
                    passDone.run();
                }));
            }
            for (List<Integer> chunk : chunks) {
                Callable<Void> task = groupedTask(reader, chunk, census, builders);
                tasks.add(pool.submit(() -> {
                    task.call();
                    passDone.run();
                    return null;
                }));
            }
            tasks.forEach(DatasetProfiler::await);
        }
        List<FeatureProfile> features = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ExactTally tally = builders[c].tally();
            features.add(new FeatureProfile(
                    columns.get(c).name(),
                    columns.get(c).type(),
                    tally.counts(census.rowCount()),
                    tally.moments(),
                    tally.lengths(),
                    builders[c].build()));
        }
        return DatasetProfile.of(census.rowCount(), features);
    }

    private static Callable<Void> groupedTask(
            DatasetReader reader, List<Integer> chunk, ColumnCensus.Result census, SketchBuilder[] builders) {
        return () -> {
            List<SketchBuilder> result = ColumnSketches.grouped(reader, chunk, census);
            for (int i = 0; i < chunk.size(); i++) {
                builders[chunk.get(i)] = result.get(i);
            }
            return null;
        };
    }

    /**
     * Splits the grouped columns round-robin into one query per thread (more only past the limit of columns per
     * query): enough to use every core, few enough that a CSV is parsed only a few times.
     */
    private static List<List<Integer>> chunks(List<Integer> indexes, int threads) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        int count = Math.max(
                Math.min(threads, indexes.size()), Math.ceilDiv(indexes.size(), ColumnSketches.MAX_GROUPED_COLUMNS));
        List<List<Integer>> chunks = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            chunks.add(new ArrayList<>());
        }
        for (int i = 0; i < indexes.size(); i++) {
            chunks.get(i % count).add(indexes.get(i));
        }
        return chunks;
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("profiling a column failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GyreException.invalid("profiling was interrupted");
        }
    }
}
