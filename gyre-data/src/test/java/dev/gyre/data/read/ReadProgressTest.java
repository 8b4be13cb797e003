package dev.gyre.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadProgress} on a real, multi-million-row CSV parsed by a real DuckDB. */
class ReadProgressTest {

    @TempDir
    static Path temp;

    /** Three million rows of mixed types: a parse that takes well over the poll interval. */
    private static Path bigCsv;

    private record Update(ReadProgress.Stage stage, double percentage, long rows, long total, Thread thread) {}

    /** Records every update and the thread it came on. */
    private static final class Recorder implements ReadProgress {
        final List<Update> updates = new CopyOnWriteArrayList<>();

        @Override
        public void progress(Stage stage, double percentage, long rowsProcessed, long totalRows) {
            updates.add(new Update(stage, percentage, rowsProcessed, totalRows, Thread.currentThread()));
        }

        List<Update> of(Stage stage) {
            return updates.stream().filter(u -> u.stage() == stage).toList();
        }
    }

    @BeforeAll
    static void writeBigCsv() throws SQLException {
        bigCsv = temp.resolve("big.csv");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS id, range * 1.5 AS x, 'name_' || (range % 1000) AS name,"
                    + " range % 7 = 0 AS flag, DATE '2020-01-01' + CAST(range % 3000 AS INTEGER) AS day"
                    + " FROM range(3000000)) TO '" + bigCsv + "' (HEADER)");
        }
    }

    @Test
    void parsingABigCsvReportsRisingPercentagesEndingAtOneHundredAndLeavesNoThread() {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(bigCsv), recorder)) {
            assertThat(reader.columns()).hasSize(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Update> loading = recorder.of(ReadProgress.Stage.LOADING);
        assertThat(seconds).as("the parse must outlast several polls").isGreaterThan(0.5);
        assertThat(loading).hasSizeGreaterThanOrEqualTo(3);
        List<Double> percentages = loading.stream().map(Update::percentage).toList();
        assertThat(percentages).isSorted().allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(percentages.getLast()).isEqualTo(100.0);
        assertThat(percentages.stream().filter(p -> p > 0 && p < 100))
                .as("intermediate values, not just the end")
                .isNotEmpty();
        assertThat(loading).allSatisfy(u -> {
            assertThat(u.total()).isPositive();
            assertThat(u.rows()).isBetween(0L, u.total());
        });
        assertNoPollerSurvives(recorder);
    }

    @Test
    void queriesReportTheirProgressAndStopPollingWhenTheyFail() {
        Recorder recorder = new Recorder();
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(bigCsv), recorder)) {
            recorder.updates.clear();
            long distinct = reader.query(table -> "SELECT count(DISTINCT name || x) FROM " + table, result -> {
                result.next();
                return result.getLong(1);
            });
            assertThat(distinct).isEqualTo(3_000_000);
            List<Update> querying = recorder.of(ReadProgress.Stage.QUERYING);
            assertThat(recorder.updates).isEqualTo(querying);
            if (!querying.isEmpty()) {
                assertThat(querying.stream().map(Update::percentage).toList()).isSorted();
                assertThat(querying.getLast().percentage()).isEqualTo(100.0);
            }

            assertThatThrownBy(() -> reader.query(table -> "SELECT CAST(name AS INTEGER) FROM " + table, result -> {
                        while (result.next()) {
                            result.getInt(1);
                        }
                        return null;
                    }))
                    .isInstanceOf(GyreException.class);
            assertNoPollerSurvives(recorder);
        }
        assertNoPollerSurvives(recorder);
    }

    @Test
    void onlyARealListenerPolls() {
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(bigCsv))) {
            assertThat(pollersAndTrackingDuringAQuery(reader))
                    .as("NONE: no polling thread while the query runs, DuckDB's tracking left off")
                    .isEqualTo("0 false");
        }
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(bigCsv), new Recorder())) {
            assertThat(pollersAndTrackingDuringAQuery(reader))
                    .as("a listener: one polling thread while the query runs, tracking on")
                    .isEqualTo("1 true");
        }
        assertThat(pollersRunning()).isZero();
    }

    /** Polling threads alive and DuckDB's progress setting, both seen from inside a running query. */
    private static String pollersAndTrackingDuringAQuery(DatasetReader reader) {
        return reader.query(
                table -> "SELECT current_setting('enable_progress_bar') FROM " + table + " LIMIT 1", result -> {
                    result.next();
                    return pollersRunning() + " " + result.getBoolean(1);
                });
    }

    /**
     * The reader's polling threads alive now, from a full thread dump: virtual threads do not show in
     * {@link Thread#getAllStackTraces}.
     */
    private static int pollersRunning() {
        try {
            Path dump = Files.createTempDirectory(temp, "dump").resolve("threads.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Files.readString(dump).split("\"" + DatasetReader.PROGRESS_THREAD + "\"", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every polling thread that reported is dead, and a thread dump shows none alive.
     */
    private static void assertNoPollerSurvives(Recorder recorder) {
        assertThat(recorder.updates).allSatisfy(u -> {
            if (u.thread().getName().equals(DatasetReader.PROGRESS_THREAD)) {
                assertThat(u.thread().isAlive()).isFalse();
            }
        });
        assertThat(pollersRunning()).isZero();
    }
}
