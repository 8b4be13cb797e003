package dev.gyre.data.quality;

import static dev.gyre.data.testing.TestData.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The checks on the shared real datasets, each number cross-checked against a plain-Java count over the CSV text
 * (these files have no quoted commas, and each number is written one way, so text equality is value equality).
 */
class QualityChecksRealDataTest {

    private final QualityChecks checks = new QualityChecks();

    @Test
    void spamHasDuplicateRowsAndConflictingLabels() throws IOException {
        Path file = shared("kernlab_spam.csv");
        List<String> lines = dataLines(file);
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Set<String>> labelsByFeatures = new HashMap<>();
        Map<String, Integer> rowsByFeatures = new HashMap<>();
        for (String line : lines) {
            copies.merge(line, 1, Integer::sum);
            int lastComma = line.lastIndexOf(',');
            String features = line.substring(0, lastComma);
            labelsByFeatures.computeIfAbsent(features, k -> new HashSet<>()).add(line.substring(lastComma + 1));
            rowsByFeatures.merge(features, 1, Integer::sum);
        }
        long duplicateGroups = copies.values().stream().filter(n -> n > 1).count();
        long duplicateRows = lines.size() - copies.size();
        List<String> conflicting = labelsByFeatures.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        long conflictRows = conflicting.stream().mapToLong(rowsByFeatures::get).sum();

        QualityReport report = checks.run(file, QualityConfig.forLabel("type"));

        assertThat(report.rows()).isEqualTo(lines.size()).isEqualTo(4601);
        DuplicateRows duplicates = report.findings(DuplicateRows.class).getFirst();
        assertThat(duplicates.duplicateRows()).isEqualTo(duplicateRows).isEqualTo(391);
        assertThat(duplicates.groups()).isEqualTo(duplicateGroups).isEqualTo(180);
        assertThat(duplicates.examples()).hasSize(5);
        assertThat(duplicates.examples().getFirst().copies())
                .isEqualTo(copies.values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElseThrow());
        assertThat(duplicates.severity()).isEqualTo(Severity.WARNING);

        LabelConflicts conflicts = report.findings(LabelConflicts.class).getFirst();
        assertThat(conflicts.groups()).isEqualTo(conflicting.size()).isEqualTo(3);
        assertThat(conflicts.rows()).isEqualTo(conflictRows).isEqualTo(6);
        assertThat(conflicts.severity()).isEqualTo(Severity.WARNING);
        assertThat(conflicts.examples()).hasSize(3).allSatisfy(g -> {
            assertThat(g.labelCounts()).containsOnlyKeys("spam", "nonspam");
            assertThat(g.features()).hasSize(57).doesNotContainKey("type");
        });

        ClassBalance balance = report.findings(ClassBalance.class).getFirst();
        assertThat(balance.classes())
                .extracting(ClassCount::label, ClassCount::count)
                .containsExactly(tuple("nonspam", 2788L), tuple("spam", 1813L));
        assertThat(report.findings(LeakageCandidate.class)).isEmpty();
    }

    @Test
    void shuttleIsVeryImbalancedWithRareClasses() throws IOException {
        Path file = shared("mlbench_Shuttle.csv");
        Map<String, Long> counts = new HashMap<>();
        List<String> lines = dataLines(file);
        for (String line : lines) {
            String label = line.substring(line.lastIndexOf(',') + 1).replace("\"", "");
            counts.merge(label, 1L, Long::sum);
        }
        long largest = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long smallest =
                counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        List<String> rare = new ArrayList<>();
        counts.forEach((label, n) -> {
            if (n < 0.01 * lines.size()) {
                rare.add(label);
            }
        });

        QualityReport report = checks.run(file, QualityConfig.forLabel("Class"));

        ClassBalance balance = report.findings(ClassBalance.class).getFirst();
        assertThat(balance.classes()).hasSize(7);
        balance.classes().forEach(c -> assertThat(c.count()).isEqualTo(counts.get(c.label())));
        assertThat(balance.rareClasses())
                .containsExactlyInAnyOrderElementsOf(rare)
                .hasSize(4);
        assertThat(balance.imbalanceRatio()).isCloseTo((double) largest / smallest, within(1e-9));
        assertThat(balance.severity()).isEqualTo(Severity.WARNING);
        assertThat(report.findings(DuplicateRows.class).getFirst().duplicateRows())
                .isEqualTo(lines.size() - new HashSet<>(lines).size());
    }

    @Test
    void lendingClubHasNearConstantDelinquencyColumns() throws IOException {
        Path file = shared("modeldata_lending_club.csv");
        List<String> header =
                List.of(Files.readAllLines(file).getFirst().replace("\"", "").split(","));
        List<String> lines = dataLines(file);

        QualityReport report = checks.run(file, QualityConfig.forLabel("Class"));

        List<NearConstantFeature> nearConstant = report.findings(NearConstantFeature.class);
        assertThat(nearConstant)
                .extracting(NearConstantFeature::column)
                .containsExactly("acc_now_delinq", "delinq_amnt");
        for (NearConstantFeature feature : nearConstant) {
            int index = header.indexOf(feature.column());
            long zeros = lines.stream()
                    .filter(l -> l.split(",", -1)[index].equals("0"))
                    .count();
            assertThat(feature.topFraction()).isCloseTo((double) zeros / lines.size(), within(1e-12));
        }
        assertThat(report.findings(ConstantFeature.class)).isEmpty();
        ClassBalance balance = report.findings(ClassBalance.class).getFirst();
        assertThat(balance.classes()).extracting(ClassCount::label).containsExactly("good", "bad");
        assertThat(balance.classes().getFirst().count()
                        + balance.classes().getLast().count())
                .isEqualTo(lines.size());
    }

    @Test
    void thresholdAccuracyMatchesABruteForceStumpInJava() throws IOException {
        Path file = shared("kernlab_spam.csv");
        List<String> header =
                List.of(Files.readAllLines(file).getFirst().replace("\"", "").split(","));
        int index = header.indexOf("charDollar");
        TreeMap<Double, long[]> spamAndHamByValue = new TreeMap<>();
        long[] totals = new long[2];
        for (String line : dataLines(file)) {
            String[] fields = line.split(",");
            int label = fields[fields.length - 1].equals("\"spam\"") ? 0 : 1;
            spamAndHamByValue.computeIfAbsent(Double.parseDouble(fields[index]), v -> new long[2])[label]++;
            totals[label]++;
        }
        long best = 0;
        long[] below = new long[2];
        for (long[] counts : spamAndHamByValue.values()) {
            below[0] += counts[0];
            below[1] += counts[1];
            best = Math.max(best, Math.max(below[0], below[1]) + Math.max(totals[0] - below[0], totals[1] - below[1]));
        }

        LeakageCandidate charDollar =
                checks
                        .run(file, QualityConfig.forLabel("type").withLeakage(0, 0))
                        .findings(LeakageCandidate.class)
                        .stream()
                        .filter(l -> l.column().equals("charDollar"))
                        .findFirst()
                        .orElseThrow();

        assertThat(charDollar.method()).isEqualTo(LeakageMethod.BEST_THRESHOLD);
        assertThat(charDollar.distinctValues()).isEqualTo(spamAndHamByValue.size());
        assertThat(charDollar.accuracy()).isCloseTo((double) best / 4601, within(1e-12));
        assertThat(charDollar.baseline()).isCloseTo(2788.0 / 4601, within(1e-12));
    }

    @Test
    void reportSerializesToJsonWithTheCheckNames() throws IOException {
        QualityReport report = checks.run(shared("kernlab_spam.csv"), QualityConfig.forLabel("type"));

        JsonNode json = new ObjectMapper().readTree(new QualityJson().write(report));

        assertThat(json.get("rows").asLong()).isEqualTo(4601);
        assertThat(json.get("label").asText()).isEqualTo("type");
        assertThat(json.get("worstSeverity").asText()).isEqualTo("WARNING");
        List<String> names = new ArrayList<>();
        json.get("findings").forEach(f -> names.add(f.get("check").asText()));
        assertThat(names).containsExactly("label_conflicts", "duplicate_rows", "class_balance");
        JsonNode conflicts = json.get("findings").get(0);
        assertThat(conflicts.get("groups").asLong()).isEqualTo(3);
        assertThat(conflicts.get("summary").asText()).contains("3 feature vectors");
        assertThat(conflicts
                        .get("examples")
                        .get(0)
                        .get("features")
                        .get("capitalTotal")
                        .isNumber())
                .isTrue();
    }

    private static List<String> dataLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    }
}
