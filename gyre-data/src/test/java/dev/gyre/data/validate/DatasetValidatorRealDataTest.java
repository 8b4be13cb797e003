package dev.gyre.data.validate;

import static dev.gyre.data.testing.TestData.csvRows;
import static dev.gyre.data.testing.TestData.duckDb;
import static dev.gyre.data.testing.TestData.quoted;
import static dev.gyre.data.testing.TestData.shared;
import static dev.gyre.data.testing.TestData.split;
import static dev.gyre.data.testing.TestData.weatherAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.data.drift.DriftMethod;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.ColumnSchema;
import dev.gyre.data.schema.DriftRule;
import dev.gyre.data.schema.InferenceOptions;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaInference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas inferred from one part of a shared dataset, validated on another part. */
class DatasetValidatorRealDataTest {

    @TempDir
    Path dir;

    @Test
    void lendingClubSecondHalfAgainstTheFirstHalfsSchema() throws IOException {
        Path file = shared("modeldata_lending_club.csv");
        List<String[]> all = csvRows(file);
        int half = all.size() / 2;
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        split(file, half, first, second);
        Schema schema = SchemaInference.infer(profile(first), new InferenceOptions(20, true));
        List<String> names = schema.columns().stream().map(ColumnSchema::name).toList();
        // Expected anomalies, from the CSV text: new values of columns with a domain, new extremes of numeric ones.
        Set<String> expectUnexpected = new HashSet<>();
        Set<String> expectOutOfRange = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            ColumnSchema column = schema.columns().get(c);
            Set<String> seen = new HashSet<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (String[] row : all.subList(0, half)) {
                seen.add(row[c]);
                if (column.type() == GyreType.NUMERIC) {
                    min = Math.min(min, Double.parseDouble(row[c]));
                    max = Math.max(max, Double.parseDouble(row[c]));
                }
            }
            for (String[] row : all.subList(half, all.size())) {
                if (!column.domain().isEmpty() && !seen.contains(row[c])) {
                    expectUnexpected.add(column.name());
                }
                if (column.type() == GyreType.NUMERIC) {
                    double value = Double.parseDouble(row[c]);
                    if (value < min || value > max) {
                        expectOutOfRange.add(column.name());
                    }
                }
            }
        }

        ValidationReport report =
                DatasetValidator.validate(DatasetSource.of(second), schema, ValidationOptions.defaults());

        assertThat(report.rowCount()).isEqualTo(all.size() - half);
        assertThat(report.anomalies(AnomalyKind.UNEXPECTED_VALUES))
                .extracting(Anomaly::column)
                .containsExactlyInAnyOrderElementsOf(expectUnexpected);
        assertThat(report.anomalies(AnomalyKind.OUT_OF_RANGE))
                .extracting(Anomaly::column)
                .containsExactlyInAnyOrderElementsOf(expectOutOfRange)
                .isNotEmpty();
        List<AnomalyKind> others =
                new ArrayList<>(report.anomalies().stream().map(Anomaly::kind).toList());
        others.removeAll(List.of(AnomalyKind.UNEXPECTED_VALUES, AnomalyKind.OUT_OF_RANGE));
        assertThat(others).isEmpty();
    }

    @Test
    void newYorkAgainstSeattleHasAForeignLocationAndDrifts() throws IOException {
        Path seattle = weatherAt(dir, "Seattle");
        Path newYork = weatherAt(dir, "New York");
        long newYorkRows = csvRows(shared("weather.csv")).stream()
                .filter(r -> r[0].equals("New York"))
                .count();
        DatasetProfile reference = profile(seattle);
        Schema schema = SchemaInference.infer(reference, InferenceOptions.defaults());

        ValidationReport report = DatasetValidator.validate(
                DatasetSource.of(newYork), schema, ValidationOptions.defaults().withReference(reference));

        Anomaly location = report.anomalies(AnomalyKind.UNEXPECTED_VALUES).getFirst();
        assertThat(location.column()).isEqualTo("location");
        assertThat(location.evidence())
                .containsEntry("unexpected_count", newYorkRows)
                .containsEntry("unexpected_fraction", 1.0);
        assertThat(report.anomalies(AnomalyKind.DRIFT))
                .extracting(Anomaly::column)
                .contains("temp_max", "temp_min", "location");
        assertThat(report.anomalies(AnomalyKind.DRIFT))
                .allSatisfy(a -> assertThat(a.severity()).isEqualTo(dev.gyre.data.quality.Severity.WARNING));
        assertThat(report.anomalies(AnomalyKind.ROW_COUNT_CHANGE)).isEmpty(); // same number of days
        assertThat(report.passed()).isFalse(); // the foreign location is an error
    }

    @Test
    void juneFlightsDriftAndSkewFromJanuaryUnlessTheSchemaRelaxesTheTest() {
        Path january = flights(1);
        Path june = flights(6);
        DatasetProfile reference = profile(january);
        Schema inferred = SchemaInference.infer(reference, InferenceOptions.defaults());
        ValidationOptions options =
                ValidationOptions.defaults().withReference(reference).withTraining(reference);

        ValidationReport report = DatasetValidator.validate(DatasetSource.of(june), inferred, options);

        // Every June date is later than every January date: the KS statistic is exactly 1.
        Anomaly date = report.anomalies(AnomalyKind.DRIFT).stream()
                .filter(a -> "date".equals(a.column()))
                .findFirst()
                .orElseThrow();
        assertThat(date.evidence())
                .containsEntry("method", "kolmogorov_smirnov")
                .containsEntry("statistic", 1.0);
        assertThat(report.anomalies(AnomalyKind.SKEW))
                .extracting(Anomaly::column)
                .contains("date");
        assertThat(report.passed()).isTrue(); // drift and skew are warnings by default

        List<ColumnSchema> relaxed = inferred.columns().stream()
                .map(c -> c.name().equals("date")
                        ? new ColumnSchema(
                                c.name(),
                                c.type(),
                                c.presence(),
                                c.domain(),
                                c.range(),
                                c.allowNan(),
                                c.allowInfinity(),
                                new DriftRule(DriftMethod.WASSERSTEIN_NORMED, 1000.0),
                                null,
                                c.expectations())
                        : c)
                .toList();
        ValidationReport relaxedReport = DatasetValidator.validate(
                DatasetSource.of(june),
                new Schema(relaxed, List.of()),
                options.withDriftSeverity(dev.gyre.data.quality.Severity.ERROR));

        assertThat(relaxedReport.anomalies(AnomalyKind.DRIFT))
                .extracting(Anomaly::column)
                .doesNotContain("date");
        assertThat(relaxedReport.anomalies(AnomalyKind.SKEW))
                .extracting(Anomaly::column)
                .contains("date");
        assertThat(relaxedReport.passed()).isFalse(); // skew is now an error
    }

    private Path flights(int month) {
        Path target = dir.resolve("flights-" + month + ".parquet");
        duckDb("COPY (SELECT * FROM read_parquet(" + quoted(shared("flights-3m.parquet")) + ") WHERE month(date) = "
                + month + " LIMIT 20000) TO " + quoted(target) + " (FORMAT PARQUET)");
        return target;
    }

    private static DatasetProfile profile(Path file) {
        return DatasetProfiler.profile(DatasetSource.of(file));
    }
}
