package dev.gyre.data.quality;

import static dev.gyre.data.testing.TestData.duckDb;
import static dev.gyre.data.testing.TestData.quoted;
import static dev.gyre.data.testing.TestData.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on small hand-made files whose answers are known by construction. */
class QualityChecksFixturesTest {

    private final QualityChecks checks = new QualityChecks();

    @Test
    void conflictGroupsTreatNullFeaturesAsEqualAndSkipUnlabeledRows() {
        QualityReport report = checks.run(resource("quality/conflicts.csv"), QualityConfig.forLabel("label"));

        LabelConflicts conflicts = report.findings(LabelConflicts.class).getFirst();
        // (1, NULL, x) -> pos 1, neg 2; (NULL, NULL, NULL) -> pos 1, neg 1; 8 labeled rows.
        assertThat(conflicts.groups()).isEqualTo(2);
        assertThat(conflicts.rows()).isEqualTo(5);
        assertThat(conflicts.rowFraction()).isCloseTo(5.0 / 8, within(1e-12));
        assertThat(conflicts.severity()).isEqualTo(Severity.ERROR);

        ConflictGroup largest = conflicts.examples().getFirst();
        Map<String, Object> expectedFeatures = new LinkedHashMap<>();
        expectedFeatures.put("a", 1L);
        expectedFeatures.put("b", null);
        expectedFeatures.put("c", "x");
        assertThat(largest.features()).containsExactlyEntriesOf(expectedFeatures);
        assertThat(largest.labelCounts()).containsExactly(Map.entry("neg", 2L), Map.entry("pos", 1L));
        assertThat(largest.rows()).isEqualTo(3);

        ConflictGroup allNull = conflicts.examples().get(1);
        assertThat(allNull.features().values()).containsOnlyNulls().hasSize(3);
        assertThat(allNull.labelCounts()).containsOnlyKeys("neg", "pos");
    }

    @Test
    void chosenFeaturesDecideWhichRowsConflict() {
        QualityConfig onlyC = QualityConfig.forLabel("label").withFeatures(List.of("c"));

        LabelConflicts conflicts = checks.run(resource("quality/conflicts.csv"), onlyC)
                .findings(LabelConflicts.class)
                .getFirst();

        // c = NULL now joins (2,3,NULL) x2 and (NULL,NULL,NULL) x2: pos 3, neg 1; c = x as before.
        assertThat(conflicts.groups()).isEqualTo(2);
        assertThat(conflicts.rows()).isEqualTo(7);
        assertThat(conflicts.examples().getFirst().features()).containsEntry("c", null);
        assertThat(conflicts.examples().getFirst().labelCounts())
                .containsExactly(Map.entry("pos", 3L), Map.entry("neg", 1L));
    }

    @Test
    void duplicatesAndClassBalanceOnTheConflictFixture() {
        QualityReport report = checks.run(resource("quality/conflicts.csv"), QualityConfig.forLabel("label"));

        DuplicateRows duplicates = report.findings(DuplicateRows.class).getFirst();
        assertThat(duplicates.duplicateRows()).isEqualTo(2);
        assertThat(duplicates.groups()).isEqualTo(2);
        assertThat(duplicates.fraction()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(duplicates.examples()).extracting(DuplicateGroup::copies).containsExactly(2L, 2L);

        ClassBalance balance = report.findings(ClassBalance.class).getFirst();
        assertThat(balance.unlabeledRows()).isEqualTo(1);
        assertThat(balance.classes())
                .extracting(ClassCount::label, ClassCount::count)
                .containsExactly(tuple("pos", 5L), tuple("neg", 3L));
        assertThat(balance.imbalanceRatio()).isCloseTo(5.0 / 3, within(1e-12));
    }

    @Test
    void jsonLinesGiveTheSameAnswersAsCsv() {
        QualityConfig config = QualityConfig.forLabel("label");
        QualityReport csv = checks.run(resource("quality/conflicts.csv"), config);
        QualityReport json = checks.run(resource("quality/conflicts.jsonl"), config);

        LabelConflicts fromJson = json.findings(LabelConflicts.class).getFirst();
        LabelConflicts fromCsv = csv.findings(LabelConflicts.class).getFirst();
        assertThat(fromJson.groups()).isEqualTo(fromCsv.groups());
        assertThat(fromJson.rows()).isEqualTo(fromCsv.rows());
        assertThat(json.findings(DuplicateRows.class).getFirst().duplicateRows())
                .isEqualTo(2);
    }

    @Test
    void constantNearConstantLeakyAndIdLikeColumnsAreFound() {
        QualityReport report = checks.run(resource("quality/leaky.csv"), QualityConfig.forLabel("label"));

        assertThat(report.rows()).isEqualTo(200);
        assertThat(report.findings(ConstantFeature.class)).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("country");
            assertThat(c.value()).isEqualTo("NZ");
            assertThat(c.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(report.findings(NearConstantFeature.class)).singleElement().satisfies(n -> {
            assertThat(n.column()).isEqualTo("flag");
            assertThat(n.topValue()).isEqualTo(0L);
            assertThat(n.topFraction()).isCloseTo(199.0 / 200, within(1e-12));
            assertThat(n.distinctValues()).isEqualTo(2);
        });
        assertThat(report.findings(IdLikeColumn.class))
                .extracting(IdLikeColumn::column)
                .containsExactly("id");

        Map<String, LeakageCandidate> leaks = new HashMap<>();
        report.findings(LeakageCandidate.class).forEach(l -> leaks.put(l.column(), l));
        assertThat(leaks).containsOnlyKeys("plan", "amount");
        assertThat(leaks.get("plan").method()).isEqualTo(LeakageMethod.MAJORITY_PER_VALUE);
        assertThat(leaks.get("plan").accuracy()).isEqualTo(1.0);
        assertThat(leaks.get("plan").baseline()).isCloseTo(120.0 / 200, within(1e-12));
        assertThat(leaks.get("amount").method()).isEqualTo(LeakageMethod.BEST_THRESHOLD);
        assertThat(leaks.get("amount").accuracy()).isEqualTo(1.0);

        assertThat(report.findings(LabelConflicts.class).getFirst().groups()).isZero();
        assertThat(report.findings(DuplicateRows.class).getFirst().duplicateRows())
                .isZero();
        assertThat(report.worstSeverity()).isEqualTo(Severity.ERROR);
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void perValueAccuracyMatchesAHandCount() {
        QualityConfig everything = QualityConfig.forLabel("label").withLeakage(0, 0);
        LeakageCandidate noise =
                checks.run(resource("quality/leaky.csv"), everything).findings(LeakageCandidate.class).stream()
                        .filter(l -> l.column().equals("noise"))
                        .findFirst()
                        .orElseThrow();

        int[] noiseValues = new int[200];
        boolean[] yes = new boolean[200];
        for (int i = 1; i <= 200; i++) {
            noiseValues[i - 1] = (i / 5) % 4;
            yes[i - 1] = i % 5 < 3;
        }
        // noise has 4 values (<= maxCategories): the majority label per value, counted by hand.
        long correct = 0;
        for (int value = 0; value < 4; value++) {
            long yesCount = 0;
            long noCount = 0;
            for (int i = 0; i < 200; i++) {
                if (noiseValues[i] == value) {
                    if (yes[i]) {
                        yesCount++;
                    } else {
                        noCount++;
                    }
                }
            }
            correct += Math.max(yesCount, noCount);
        }
        assertThat(noise.method()).isEqualTo(LeakageMethod.MAJORITY_PER_VALUE);
        assertThat(noise.accuracy()).isCloseTo(correct / 200.0, within(1e-12));
        assertThat(Arrays.stream(noiseValues).distinct().count()).isEqualTo(noise.distinctValues());
    }

    @Test
    void parquetGivesTheSameAnswersAsCsv(@TempDir Path dir) {
        Path parquet = dir.resolve("conflicts.parquet");
        duckDb("COPY (SELECT * FROM read_csv_auto(" + quoted(resource("quality/conflicts.csv")) + ")) TO "
                + quoted(parquet) + " (FORMAT parquet)");

        QualityReport report = checks.run(parquet, QualityConfig.forLabel("label"));

        assertThat(report.rows()).isEqualTo(9);
        assertThat(report.findings(LabelConflicts.class).getFirst().rows()).isEqualTo(5);
        assertThat(report.findings(DuplicateRows.class).getFirst().duplicateRows())
                .isEqualTo(2);
    }

    @Test
    void quotedColumnNamesAreHandled() {
        QualityConfig config = QualityConfig.forLabel("label")
                .withFeatures(List.of("odd \"name\""))
                .withRareClass(0.01, 0);

        QualityReport report = checks.run(resource("quality/clean.csv"), config);

        LabelConflicts conflicts = report.findings(LabelConflicts.class).getFirst();
        assertThat(conflicts.groups()).isEqualTo(3);
        assertThat(conflicts.rows()).isEqualTo(8);
        assertThat(conflicts.examples().getFirst().features()).containsOnlyKeys("odd \"name\"");
        assertThat(report.features()).containsExactly("odd \"name\"");
    }

    @Test
    void cleanDataHasNoWarnings() {
        QualityReport report = checks.run(
                resource("quality/clean.csv"), QualityConfig.forLabel("label").withRareClass(0.01, 0));

        assertThat(report.worstSeverity()).isEqualTo(Severity.INFO);
        assertThat(report.findings(IdLikeColumn.class))
                .extracting(IdLikeColumn::column)
                .containsExactly("x");
    }

    @Test
    void rareClassCountThresholdFlagsSmallClasses() {
        ClassBalance balance = checks.run(resource("quality/clean.csv"), QualityConfig.forLabel("label"))
                .findings(ClassBalance.class)
                .getFirst();

        assertThat(balance.rareClasses()).containsExactly("p", "q");
        assertThat(balance.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void missingFileIsAnInvalidParameterNamingIt() {
        Path missing = Path.of("no/such/file.csv");

        assertThatThrownBy(() -> checks.run(missing, QualityConfig.forLabel("label")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining(missing.toString())
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void unknownLabelColumnIsAnInvalidParameterNamingIt() {
        assertThatThrownBy(() -> checks.run(resource("quality/clean.csv"), QualityConfig.forLabel("target")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'target'")
                .hasMessageContaining("clean.csv")
                .extracting(e -> ((GyreException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void unknownFeatureColumnIsAnInvalidParameterNamingIt() {
        QualityConfig config = QualityConfig.forLabel("label").withFeatures(List.of("x", "nope"));

        assertThatThrownBy(() -> checks.run(resource("quality/clean.csv"), config))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void unsupportedFileTypeIsAnInvalidParameter() {
        assertThatThrownBy(() -> checks.run(Path.of("pom.xml"), QualityConfig.forLabel("label")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("cannot tell the format of pom.xml");
    }

    @Test
    void configRejectsTheLabelAsAFeatureAndBadFractions() {
        assertThatThrownBy(() -> QualityConfig.forLabel("y").withFeatures(List.of("a", "y")))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("'y'");
        assertThatThrownBy(() -> QualityConfig.forLabel("y").withNearConstantFraction(1.5))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("nearConstantFraction");
    }
}
