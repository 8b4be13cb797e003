package dev.gyre.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline on real data: the Lending Club loans (9,857 rows, 22 features, the {@code Class} target). */
class LendingClubPipelineTest {

    private static Frame loans;
    private static List<String[]> rawRows;

    @BeforeAll
    static void load() throws IOException {
        Path file = CsvFrames.sharedData("modeldata_lending_club.csv");
        loans = CsvFrames.read(file).without(List.of("Class"));
        // An independent look at the same file for the expected values: plain string splitting.
        rawRows = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .skip(1)
                .map(line -> line.replace("\"", "").split(","))
                .toList();
    }

    private static int column(String name) throws IOException {
        String header = Files.readAllLines(CsvFrames.sharedData("modeldata_lending_club.csv"))
                .getFirst();
        return Arrays.asList(header.replace("\"", "").split(",")).indexOf(name);
    }

    @Test
    void autoPipelineOneHotsSmallVocabulariesAndFrequencyEncodesLargeOnes() throws IOException {
        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), loans);
        FeatureMatrix features = pipeline.transform(loans);

        assertThat(pipeline.inputSchema()).hasSize(22);
        assertThat(pipeline.inputSchema())
                .filteredOn(input -> input.kind() == ValueKind.STRING)
                .extracting(InputColumn::name)
                .containsExactly("term", "sub_grade", "addr_state", "verification_status", "emp_length");
        // 17 numeric columns pass through; term (2) and verification_status (3) and emp_length (12) are one-hot
        // with an unknown column each; sub_grade (35) and addr_state (50) exceed 20 categories.
        assertThat(features.width()).isEqualTo(17 + 3 + 4 + 13 + 1 + 1);
        assertThat(features.rows()).isEqualTo(9857);
        assertThat(pipeline.outputNames())
                .startsWith("funded_amnt", "term=term_36", "term=term_60", "term=<unknown>", "int_rate")
                .contains("sub_grade.frequency", "addr_state.frequency", "emp_length=emp_ge_10", "emp_length=<unknown>")
                .endsWith("num_il_tl", "total_il_high_credit_limit");

        // Row 0: 16100,"term_36",13.99,"C4","CT","Not_Verified",35000,"emp_5",...
        int stateColumn = column("addr_state");
        long connecticut =
                rawRows.stream().filter(r -> r[stateColumn].equals("CT")).count();
        assertThat(value(pipeline, features, 0, "addr_state.frequency"))
                .isCloseTo((float) connecticut / 9857, within(1e-7f));
        int gradeColumn = column("sub_grade");
        long c4 = rawRows.stream().filter(r -> r[gradeColumn].equals("C4")).count();
        assertThat(value(pipeline, features, 0, "sub_grade.frequency")).isCloseTo((float) c4 / 9857, within(1e-7f));
        assertThat(value(pipeline, features, 0, "funded_amnt")).isEqualTo(16100f);
        assertThat(value(pipeline, features, 0, "int_rate")).isEqualTo(13.99f);
        assertThat(value(pipeline, features, 0, "emp_length=emp_5")).isEqualTo(1f);
        assertThat(value(pipeline, features, 0, "emp_length=emp_1")).isZero();
        assertThat(value(pipeline, features, 0, "verification_status=Not_Verified"))
                .isEqualTo(1f);
        // every one-hot group sums to 1: the data has no missing categories
        for (int row = 0; row < features.rows(); row += 97) {
            float sum = 0;
            for (String name : pipeline.outputNames()) {
                if (name.startsWith("emp_length=")) {
                    sum += value(pipeline, features, row, name);
                }
            }
            assertThat(sum).isEqualTo(1f);
        }
    }

    @Test
    void standardizingOnATrainingSplitUsesOnlyItsRows() throws IOException {
        int[] firstHalf = new int[5000];
        int[] secondHalf = new int[9857 - 5000];
        Arrays.setAll(firstHalf, i -> i);
        Arrays.setAll(secondHalf, i -> 5000 + i);
        PipelineSpec spec = PipelineSpecTest.parse("""
                pipeline:
                  - standardize: {columns: [annual_inc]}
                  - bucketize: {columns: [int_rate], buckets: 4}
                  - onehot: {columns: [addr_state], max_categories: 5}
                """);

        FittedPipeline pipeline = FeaturePipeline.fit(spec, loans.select(firstHalf));

        int incomeColumn = column("annual_inc");
        double[] income = rawRows.subList(0, 5000).stream()
                .mapToDouble(r -> Double.parseDouble(r[incomeColumn]))
                .toArray();
        double mean = Arrays.stream(income).average().orElseThrow();
        double variance =
                Arrays.stream(income).map(v -> (v - mean) * (v - mean)).sum() / income.length;
        NumericTransform.Standardization fitted = (NumericTransform.Standardization) pipeline.columns().stream()
                .filter(c -> c.name().equals("annual_inc"))
                .findFirst()
                .orElseThrow()
                .transforms()
                .getFirst();
        assertThat(fitted.mean()).isCloseTo(mean, within(1e-6));
        assertThat(fitted.scale()).isCloseTo(Math.sqrt(variance), within(1e-6));
        assertThat(pipeline.outputNames())
                .filteredOn(n -> n.startsWith("addr_state="))
                .hasSize(6);
        assertThat(pipeline.outputNames()).contains("addr_state=CA", "addr_state=<unknown>");

        FeatureMatrix heldOut = pipeline.transform(loans.select(secondHalf));
        double secondIncome = Double.parseDouble(rawRows.get(5000)[incomeColumn]);
        assertThat(value(pipeline, heldOut, 0, "annual_inc"))
                .isCloseTo((float) ((secondIncome - mean) / Math.sqrt(variance)), within(1e-5f));
        assertThat(heldOut.values()).doesNotContain(Float.NaN);
    }

    private static float value(FittedPipeline pipeline, FeatureMatrix features, int row, String name) {
        int column = pipeline.outputNames().indexOf(name);
        assertThat(column).as(name).isNotNegative();
        return features.get(row, column);
    }
}
