package dev.gyre.data.validate;

import static dev.gyre.data.testing.TestData.csvRows;
import static dev.gyre.data.testing.TestData.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.quality.Severity;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The orders fixtures against the hand-written {@code orders.schema.yaml}: the good file passes, the bad one has
 * one of every anomaly. Expected counts come from a plain loop over the CSV text (columns id, status, amount,
 * code, email, qty, coupon), not from the code under test.
 */
class DatasetValidatorFixturesTest {

    private static final Path BAD = resource("schema/orders-bad.csv");
    private final Schema schema = SchemaFiles.read(resource("schema/orders.schema.yaml"));

    @Test
    void theGoodFilePassesWithOneAmountToleratedByMostly() throws IOException {
        long above500 = csvRows(resource("schema/orders.csv")).stream()
                .filter(r -> Double.parseDouble(r[2]) > 500)
                .count();

        ValidationReport report = DatasetValidator.validate(
                DatasetSource.of(resource("schema/orders.csv")), schema, ValidationOptions.defaults());

        assertThat(above500).isEqualTo(1); // 1 of 30 = 3.3% unexpected, within mostly 0.9
        assertThat(report.anomalies()).isEmpty();
        assertThat(report.skipped()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.rowCount()).isEqualTo(30);
        assertThat(report.rowsChecked()).isTrue();
    }

    @Test
    void theBadFileHasEveryAnomalyWithExactCounts() throws IOException {
        List<String[]> rows = csvRows(BAD);
        Set<String> domain = Set.of("new", "paid", "shipped");
        Map<String, Long> unexpectedStatus = new HashMap<>();
        long nan = 0;
        long infinite = 0;
        long outside = 0;
        double finiteMax = Double.NEGATIVE_INFINITY;
        long badCodes = 0;
        long missingEmails = 0;
        Map<String, Long> ids = new HashMap<>();
        Pattern code = Pattern.compile("^[A-Z]{3}-\\d{3}$");
        for (String[] row : rows) {
            if (!domain.contains(row[1])) {
                unexpectedStatus.merge(row[1], 1L, Long::sum);
            }
            double amount = Double.parseDouble(row[2].replace("inf", "Infinity").replace("nan", "NaN"));
            nan += Double.isNaN(amount) ? 1 : 0;
            infinite += Double.isInfinite(amount) ? 1 : 0;
            outside += amount >= 0 && amount <= 500 ? 0 : 1;
            if (Double.isFinite(amount)) {
                finiteMax = Math.max(finiteMax, amount);
            }
            badCodes += code.matcher(row[3]).find() ? 0 : 1;
            missingEmails += row[4].isEmpty() ? 1 : 0;
            ids.merge(row[0], 1L, Long::sum);
        }
        long duplicated = ids.values().stream()
                .filter(n -> n > 1)
                .mapToLong(Long::longValue)
                .sum();

        ValidationReport report =
                DatasetValidator.validate(DatasetSource.of(BAD), schema, ValidationOptions.defaults());

        assertThat(report.passed()).isFalse();
        assertThat(report.rowCount()).isEqualTo(rows.size()).isEqualTo(24);
        assertThat(report.anomalies())
                .extracting(Anomaly::kind, Anomaly::column, Anomaly::severity)
                .containsExactly(
                        tuple(AnomalyKind.ROW_COUNT_OUT_OF_BOUNDS, null, Severity.ERROR),
                        tuple(AnomalyKind.EXPECTATION_FAILED, "id", Severity.ERROR),
                        tuple(AnomalyKind.UNEXPECTED_VALUES, "status", Severity.ERROR),
                        tuple(AnomalyKind.OUT_OF_RANGE, "amount", Severity.ERROR),
                        tuple(AnomalyKind.NON_FINITE, "amount", Severity.ERROR),
                        tuple(AnomalyKind.EXPECTATION_FAILED, "amount", Severity.ERROR),
                        tuple(AnomalyKind.EXPECTATION_FAILED, "code", Severity.ERROR),
                        tuple(AnomalyKind.LOW_PRESENCE, "email", Severity.ERROR),
                        tuple(AnomalyKind.EXPECTATION_FAILED, "email", Severity.ERROR),
                        tuple(AnomalyKind.TYPE_CHANGE, "qty", Severity.ERROR),
                        tuple(AnomalyKind.MISSING_COLUMN, "channel", Severity.ERROR),
                        tuple(AnomalyKind.NEW_COLUMN, "coupon", Severity.WARNING));

        assertThat(evidence(report, AnomalyKind.ROW_COUNT_OUT_OF_BOUNDS, null))
                .containsEntry("row_count", 24L)
                .containsEntry("min", 25L);
        Map<String, Object> status = evidence(report, AnomalyKind.UNEXPECTED_VALUES, "status");
        assertThat(status)
                .containsEntry("unexpected_count", 3L)
                .containsEntry(
                        "unexpected_count",
                        unexpectedStatus.values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .containsEntry("unexpected_fraction", 3.0 / 24)
                .containsEntry("exact", true)
                .containsEntry("examples", List.of(new ValueCount("refunded", 2), new ValueCount("lost", 1)));
        assertThat(evidence(report, AnomalyKind.OUT_OF_RANGE, "amount"))
                .containsEntry("observed_max", finiteMax)
                .containsEntry("max", 1000.0);
        assertThat(evidence(report, AnomalyKind.NON_FINITE, "amount"))
                .containsEntry("nan", nan)
                .containsEntry("positive_infinity", infinite)
                .containsEntry("negative_infinity", 0L);
        Map<String, Object> amount = expectation(report, "amount");
        assertThat(amount)
                .containsEntry("expectation", "between")
                .containsEntry("element_count", 24L)
                .containsEntry("unexpected_count", outside)
                .containsEntry("unexpected_count", 5L)
                .containsEntry("mostly", 0.9);
        assertThat(expectation(report, "code"))
                .containsEntry("expectation", "regex")
                .containsEntry("unexpected_count", badCodes)
                .containsEntry("unexpected_count", 3L);
        assertThat(expectation(report, "id"))
                .containsEntry("expectation", "unique")
                .containsEntry("unexpected_count", duplicated)
                .containsEntry("unexpected_count", 5L)
                .containsEntry("examples", List.of(new ValueCount("5", 3), new ValueCount("1", 2)));
        assertThat(evidence(report, AnomalyKind.LOW_PRESENCE, "email"))
                .containsEntry("present", 24 - missingEmails)
                .containsEntry("required_fraction", 0.9);
        assertThat(expectation(report, "email"))
                .containsEntry("expectation", "not_null")
                .containsEntry("element_count", 24L)
                .containsEntry("unexpected_count", missingEmails)
                .containsEntry("unexpected_count", 4L);
        assertThat(evidence(report, AnomalyKind.TYPE_CHANGE, "qty"))
                .containsEntry("expected_type", "numeric")
                .containsEntry("observed_type", "string");
        assertThat(report.skipped()).containsExactly(new SkippedCheck("qty", "in_set", "the column's type changed"));
        assertThat(report.anomalies(AnomalyKind.EXPECTATION_FAILED).get(1).message())
                .isEqualTo("amount: between [0, 500] holds for 79.17% of 24 values (5 unexpected), expected at least"
                        + " 90.00%: 1500.0 (1), 600.0 (1), 700.0 (1), inf (1), nan (1)");
    }

    @Test
    void aProfileAloneGetsTheProfileChecksAndListsTheRowChecksAsSkipped() {
        ValidationReport report = DatasetValidator.validate(
                DatasetProfiler.profile(DatasetSource.of(BAD)), schema, ValidationOptions.defaults());

        assertThat(report.rowsChecked()).isFalse();
        assertThat(report.anomalies(AnomalyKind.EXPECTATION_FAILED))
                .extracting(Anomaly::column)
                .containsExactly("email"); // not_null needs only the missing count
        assertThat(report.anomalies())
                .extracting(Anomaly::kind)
                .contains(
                        AnomalyKind.ROW_COUNT_OUT_OF_BOUNDS,
                        AnomalyKind.UNEXPECTED_VALUES,
                        AnomalyKind.OUT_OF_RANGE,
                        AnomalyKind.NON_FINITE,
                        AnomalyKind.LOW_PRESENCE,
                        AnomalyKind.TYPE_CHANGE,
                        AnomalyKind.MISSING_COLUMN,
                        AnomalyKind.NEW_COLUMN);
        assertThat(report.skipped())
                .extracting(SkippedCheck::column, SkippedCheck::check)
                .containsExactly(
                        tuple("id", "unique"),
                        tuple("amount", "between"),
                        tuple("code", "regex"),
                        tuple("qty", "in_set"));
    }

    @Test
    void theJsonReportIsSnakeCase() throws IOException {
        ValidationReport report =
                DatasetValidator.validate(DatasetSource.of(BAD), schema, ValidationOptions.defaults());

        JsonNode json = new ObjectMapper().readTree(new ValidationJson().write(report, "orders-bad.csv"));

        assertThat(json.get("dataset").asText()).isEqualTo("orders-bad.csv");
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("row_count").asLong()).isEqualTo(24);
        assertThat(json.get("errors").asLong()).isEqualTo(11);
        assertThat(json.get("warnings").asLong()).isEqualTo(1);
        assertThat(json.get("anomalies")).hasSize(12);
        JsonNode status = json.get("anomalies").get(2);
        assertThat(status.get("kind").asText()).isEqualTo("unexpected_values");
        assertThat(status.get("severity").asText()).isEqualTo("error");
        assertThat(status.get("column").asText()).isEqualTo("status");
        assertThat(status.get("evidence").get("unexpected_count").asLong()).isEqualTo(3);
        assertThat(status.get("evidence").get("examples").get(0).get("value").asText())
                .isEqualTo("refunded");
        assertThat(status.get("evidence").get("examples").get(0).get("count").asLong())
                .isEqualTo(2);
        assertThat(json.get("anomalies").get(0).get("column").isNull()).isTrue();
        assertThat(json.get("skipped").get(0).get("check").asText()).isEqualTo("in_set");
    }

    private static Map<String, Object> evidence(ValidationReport report, AnomalyKind kind, String column) {
        return report.anomalies(kind).stream()
                .filter(a -> java.util.Objects.equals(a.column(), column))
                .findFirst()
                .orElseThrow()
                .evidence();
    }

    private static Map<String, Object> expectation(ValidationReport report, String column) {
        return evidence(report, AnomalyKind.EXPECTATION_FAILED, column);
    }
}
