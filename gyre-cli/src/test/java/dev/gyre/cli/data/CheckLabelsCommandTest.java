package dev.gyre.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.cli.OneLineErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckLabelsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new CheckLabelsCommand());
        command.setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private static String spam() {
        return Path.of(System.getProperty("gyre.shared.data"), "kernlab_spam.csv")
                .toString();
    }

    @Test
    void spamWarnsAboutConflictsAndDuplicatesButPasses() {
        int exit = run(spam(), "--label", "type");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("4601 rows, label 'type', 57 features")
                .contains("Label conflicts: 3 feature vectors carry more than one label (6 rows, 0.13%) [WARNING]")
                .contains("nonspam=1, spam=1")
                .contains("Duplicate rows: 391 duplicate rows (8.50%) in 180 groups [WARNING]")
                .containsPattern("nonspam\\s+2788\\s+60\\.60%")
                .contains("OK: 0 error(s), 2 warning(s)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonOutputIsTheReportAndFewFeaturesMakeConflictsAnError() throws IOException {
        int exit = run(spam(), "--label", "type", "--features", "make,address,all", "--json");

        // Three word frequencies cannot separate spam: many rows share them with both labels.
        assertThat(exit).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
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

        int exit = run(file.toString(), "--label", "label", "--rare-count", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("ERROR\\s+constant\\s+country")
                .contains("FAILED: 1 error(s)");
    }

    @Test
    void missingFileIsOneCleanErrorLine() {
        int exit = run("no/such.csv", "--label", "type");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("gyre: no such file or folder: " + Path.of("no/such.csv"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownLabelIsOneCleanErrorLine() {
        int exit = run(spam(), "--label", "target");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("gyre: no label column 'target'");
    }

    @Test
    void missingLabelOptionIsAUsageError() {
        int exit = run(spam());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--label");
    }
}
