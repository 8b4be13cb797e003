package dev.gyre.train.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import dev.gyre.train.project.SplitSpec;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {

    /** 1,000 rows, 10% of them "bad" (every tenth row), with a time column running backwards. */
    private static Frame loans() {
        int rows = 1000;
        String[] labels = new String[rows];
        double[] time = new double[rows];
        for (int row = 0; row < rows; row++) {
            labels[row] = row % 10 == 0 ? "bad" : "good";
            time[row] = rows - row;
        }
        return Frame.of(TextColumn.of("Class", labels), new NumericColumn("issued", ValueKind.TIMESTAMP, time));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        SplitSpec spec = SplitSpec.random(7, 0.2, 0.2, false);

        Split first = Splitter.split(spec, loans(), Task.BINARY, "Class");
        Split again = Splitter.split(spec, loans(), Task.BINARY, "Class");
        Split other = Splitter.split(SplitSpec.random(8, 0.2, 0.2, false), loans(), Task.BINARY, "Class");

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.train()).hasSize(600);
        assertThat(first.validation()).hasSize(200);
        assertThat(first.test()).hasSize(200);
    }

    @Test
    void aSeedGivesTheSameRowsOnEveryRun() {
        Frame frame = Frame.of(NumericColumn.of("y", new double[10]));

        Split split = Splitter.split(SplitSpec.random(42, 0.2, 0.2, false), frame, Task.REGRESSION, "y");

        // java.util.Random's sequence is fixed by its specification, so these indexes never change.
        // shuffled: 4 6 2 1 7 9 8 5 3 0 — the first 2 test, the next 2 validation, each part then sorted
        assertThat(split.test()).containsExactly(4, 6);
        assertThat(split.validation()).containsExactly(1, 2);
        assertThat(split.train()).containsExactly(0, 3, 5, 7, 8, 9);
    }

    @Test
    void everyRowIsInExactlyOnePartListedInAscendingOrder() {
        for (SplitSpec spec : new SplitSpec[] {
            SplitSpec.random(1, 0.15, 0.25, true),
            SplitSpec.random(2, 0.3, 0.1, false),
            SplitSpec.random(3, 0.2, 0, true),
            SplitSpec.byTime("issued", 0.2, 0.2)
        }) {
            Split split = Splitter.split(spec, loans(), Task.BINARY, "Class");

            assertPartition(split, 1000);
        }
    }

    @Test
    void aStratifiedSplitKeepsEachClassShareInEveryPart() {
        Frame frame = loans();
        String[] labels = ((TextColumn) frame.column("Class")).values();

        Split split = Splitter.split(SplitSpec.random(11, 0.2, 0.2, true), frame, Task.BINARY, "Class");

        assertThat(count(split.train(), labels, "bad")).isEqualTo(60);
        assertThat(count(split.validation(), labels, "bad")).isEqualTo(20);
        assertThat(count(split.test(), labels, "bad")).isEqualTo(20);
        assertThat(split.test()).hasSize(200);
    }

    @Test
    void stratificationSharesAwkwardCountsByLargestRemainderAndKeepsTheTotals() {
        // 7 "a", 3 "b" and one missing label: 11 rows, test = round(11 × 0.3) = 3 rows
        Frame frame = Frame.of(TextColumn.of("y", "a", "b", "a", "a", null, "b", "a", "a", "b", "a", "a"));
        String[] labels = ((TextColumn) frame.column("y")).values();

        Split split = Splitter.split(SplitSpec.random(5, 0.3, 0.3, true), frame, Task.MULTICLASS, "y");

        assertPartition(split, 11);
        assertThat(split.test()).hasSize(3);
        assertThat(split.validation()).hasSize(3);
        assertThat(count(split.test(), labels, "a")).isEqualTo(2);
        assertThat(count(split.test(), labels, "b")).isEqualTo(1);
        assertThat(count(split.validation(), labels, "a")).isEqualTo(2);
        assertThat(count(split.validation(), labels, "b")).isEqualTo(1);
    }

    @Test
    void aTimeSplitTrainsOnTheOldestAndTestsOnTheNewestRows() {
        Frame frame = loans();
        double[] time = ((NumericColumn) frame.column("issued")).values();

        Split split = Splitter.split(SplitSpec.byTime("issued", 0.1, 0.2), frame, Task.BINARY, "Class");

        assertPartition(split, 1000);
        assertThat(split.train()).hasSize(700);
        assertThat(split.validation()).hasSize(100);
        assertThat(split.test()).hasSize(200);
        double newestTrain =
                Arrays.stream(split.train()).mapToDouble(r -> time[r]).max().orElseThrow();
        double oldestValidation = Arrays.stream(split.validation())
                .mapToDouble(r -> time[r])
                .min()
                .orElseThrow();
        double newestValidation = Arrays.stream(split.validation())
                .mapToDouble(r -> time[r])
                .max()
                .orElseThrow();
        double oldestTest =
                Arrays.stream(split.test()).mapToDouble(r -> time[r]).min().orElseThrow();
        assertThat(newestTrain).isLessThan(oldestValidation);
        assertThat(newestValidation).isLessThan(oldestTest);
        // time runs backwards through the rows, so the newest rows are the first ones
        assertThat(split.test()).containsExactly(IntStream.range(0, 200).toArray());
    }

    @Test
    void equalTimesAreOrderedByRowIndexAndMissingTimesTrain() {
        double nan = Double.NaN;
        Frame frame =
                Frame.of(new NumericColumn("t", ValueKind.TIMESTAMP, new double[] {5, 1, nan, 5, 5, 3, 5, 2, nan, 5}));

        Split split = Splitter.split(SplitSpec.byTime("t", 0.2, 0.3), frame, Task.REGRESSION, "y");

        // known rows by (time, row): 1(1) 7(2) 5(3) 0(5) 3(5) 4(5) 6(5) 9(5); test = the newest 3, validation the 2
        // before
        assertThat(split.test()).containsExactly(4, 6, 9);
        assertThat(split.validation()).containsExactly(0, 3);
        assertThat(split.train()).containsExactly(1, 2, 5, 7, 8);
    }

    @Test
    void aPartThatWouldBeEmptyIsAClearError() {
        Frame frame = Frame.of(NumericColumn.of("y", 1, 2, 3, 4));

        assertThatThrownBy(() -> Splitter.split(SplitSpec.random(1, 0.1, 0.5, false), frame, Task.REGRESSION, "y"))
                .isInstanceOf(GyreException.class)
                .hasMessage("split: the validation part would be empty: 4 rows × 0.1 rounds to 0 rows; use more data"
                        + " or a larger split.validation");
        assertThatThrownBy(() -> Splitter.split(
                        SplitSpec.random(1, 0.5, 0.45, false),
                        Frame.of(NumericColumn.of("y", 1, 2)),
                        Task.REGRESSION,
                        "y"))
                .hasMessage("split: 2 rows leave none to train on after 1 validation and 1 test rows; use more data or"
                        + " smaller shares");
    }

    @Test
    void aTimeSplitNeedsEnoughRowsWithATimeAndANumericColumn() {
        Frame missing = Frame.of(new NumericColumn(
                "t", ValueKind.TIMESTAMP, new double[] {Double.NaN, Double.NaN, Double.NaN, 1, Double.NaN}));
        Frame text = Frame.of(TextColumn.of("t", "a", "b", "c", "d", "e"));

        assertThatThrownBy(() -> Splitter.split(SplitSpec.byTime("t", 0.2, 0.2), missing, Task.REGRESSION, "y"))
                .hasMessage("split: only 1 of 5 rows have a time in 't', fewer than the 2 validation and test rows;"
                        + " rows without a time can only train");
        assertThatThrownBy(() -> Splitter.split(SplitSpec.byTime("t", 0.2, 0.2), text, Task.REGRESSION, "y"))
                .hasMessage("split.time_column: 't' is string; a time split needs a timestamp or number column");
    }

    private static long count(int[] rows, String[] labels, String label) {
        return Arrays.stream(rows).filter(r -> label.equals(labels[r])).count();
    }

    private static void assertPartition(Split split, int rows) {
        int[] seen = new int[rows];
        for (int[] part : new int[][] {split.train(), split.validation(), split.test()}) {
            assertThat(part).isSorted();
            for (int row : part) {
                seen[row]++;
            }
        }
        assertThat(seen).containsOnly(1);
        assertThat(split.rows()).isEqualTo(rows);
    }
}
