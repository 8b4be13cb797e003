package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckLabelsCommandTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.run(new CheckLabelsCommand(), args);
    }

    private static String spam() {
        return TestData.SHARED.resolve("kernlab_spam.csv").toString();
    }

    @Test
    void spamWarnsAboutConflictsAndDuplicatesButPasses() {
        CommandRun result = run(spam(), "--label", "type");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("4601 rows, label 'type', 57 features")
                .contains("Label conflicts: 3 feature vectors carry more than one label (6 rows, 0.13%) [WARNING]")
                .contains("nonspam=1, spam=1")
                .contains("Duplicate rows: 391 duplicate rows (8.50%) in 180 groups [WARNING]")
                .containsPattern("nonspam\\s+2788\\s+60\\.60%")
                .contains("OK: 0 error(s), 2 warning(s)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void jsonOutputIsTheReportAndFewFeaturesMakeConflictsAnError() throws IOException {
        CommandRun result = run(spam(), "--label", "type", "--features", "make,address,all", "--json");

        // Three word frequencies cannot separate spam: many rows share them with both labels.
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("features")).hasSize(3);
        assertThat(json.get("worstSeverity").asText()).isEqualTo("ERROR");
        JsonNode conflicts = json.get("findings").get(0);
        assertThat(conflicts.get("check").asText()).isEqualTo("label_conflicts");
        assertThat(conflicts.get("severity").asText()).isEqualTo("ERROR");
        assertThat(conflicts.get("rowFraction").asDouble()).isGreaterThanOrEqualTo(0.01);
        assertThat(conflicts.get("examples")).hasSize(5);
    }

    @Test
    void anErrorFindingExitsWithOne() throws IOException {
        Path file = dir.resolve("constant.csv");
        Files.writeString(file, "x,country,label\n1,NZ,a\n2,NZ,b\n3,NZ,a\n4,NZ,b\n");

        CommandRun result = run(file.toString(), "--label", "label", "--rare-count", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsPattern("ERROR\\s+constant\\s+country").contains("FAILED: 1 error(s)");
    }

    @Test
    void missingFileIsOneCleanErrorLine() {
        CommandRun result = run("no/such.csv", "--label", "type");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("gyre: no such file or folder: " + Path.of("no/such.csv"));
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownLabelIsOneCleanErrorLine() {
        CommandRun result = run(spam(), "--label", "target");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString().startsWith("gyre: no label column 'target'");
    }

    @Test
    void missingLabelOptionIsAUsageError() {
        CommandRun result = run(spam());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--label");
    }
}
