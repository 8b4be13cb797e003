package dev.gyre.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceAnalysisTest {

    private static final JsonNode REFERENCE = Reference.load();

    /** Breast-cancer rows with the binary reference model's outcomes. */
    private static SliceAnalysis breastCancer() {
        JsonNode binary = REFERENCE.get("binary");
        JsonNode slices = REFERENCE.get("slices");
        int[] labels = Reference.ints(binary.get("labels"));
        double[] p = Reference.doubles(binary.get("probabilities"));
        int[] correct = new int[labels.length];
        double[] logLoss = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            correct[i] = (p[i] >= 0.5 ? 1 : 0) == labels[i] ? 1 : 0;
            logLoss[i] = BinaryMetrics.rowLogLoss(labels[i], p[i]);
        }
        Frame frame = Frame.of(
                NumericColumn.of("mean_radius", Reference.doubles(slices.get("mean_radius"))),
                TextColumn.of("diagnosis", Reference.strings(slices.get("diagnosis"))));
        return SliceAnalysis.ofClassification(frame, correct, logLoss, SliceSettings.DEFAULTS);
    }

    @Test
    void slicesMatchTheIndependentComputation() {
        JsonNode expected = REFERENCE.get("slices");
        SliceAnalysis analysis = breastCancer();

        assertThat(analysis.metric()).isEqualTo("error_rate");
        assertThat(analysis.overall()).isCloseTo(expected.get("overall").asDouble(), within(Reference.TOLERANCE));
        List<Slice> radius = analysis.slices().stream()
                .filter(s -> s.column().equals("mean_radius"))
                .toList();
        List<Slice> diagnosis = analysis.slices().stream()
                .filter(s -> s.column().equals("diagnosis"))
                .toList();
        assertThat(radius).hasSize(5);
        assertThat(diagnosis).extracting(Slice::value).containsExactly("benign", "malignant");
        List<Slice> ordered = new ArrayList<>(radius);
        ordered.addAll(diagnosis);
        for (int i = 0; i < ordered.size(); i++) {
            JsonNode e = expected.get("slices").get(i);
            Slice s = ordered.get(i);
            assertThat(s.size())
                    .as("slice %s", s.value())
                    .isEqualTo(e.get("size").asLong());
            assertThat(s.metric()).isCloseTo(e.get("metric").asDouble(), within(Reference.TOLERANCE));
            assertThat(s.ciLow()).isCloseTo(e.get("ci_low").asDouble(), within(Reference.TOLERANCE));
            assertThat(s.ciHigh()).isCloseTo(e.get("ci_high").asDouble(), within(Reference.TOLERANCE));
            assertThat(s.gap()).isCloseTo(e.get("gap").asDouble(), within(Reference.TOLERANCE));
            assertThat(s.significant()).isEqualTo(e.get("significant").asBoolean());
        }
        assertThat(radius.getFirst().value()).startsWith("[6.981, ");
        assertThat(radius.getLast().value()).endsWith(", 28.11]");
    }

    @Test
    void worstSliceIsMalignantThenTheSecondLargestRadii() {
        SliceAnalysis analysis = breastCancer();
        JsonNode expectedWorst = REFERENCE.at("/slices/worst");

        assertThat(analysis.worst()).hasSize(expectedWorst.size());
        Slice worst = analysis.worst().getFirst();
        assertThat(worst.column()).isEqualTo("diagnosis");
        assertThat(worst.value()).isEqualTo("malignant");
        assertThat(worst.size()).isEqualTo(212);
        assertThat(worst.significant()).isTrue();
        assertThat(analysis.worst().get(1).column()).isEqualTo("mean_radius");
        assertThat(analysis.worst().get(1).value()).isEqualTo("(14.06, 17.08]");
        for (int i = 0; i < expectedWorst.size(); i++) {
            assertThat(analysis.worst().get(i).metric())
                    .isCloseTo(expectedWorst.get(i).get("metric").asDouble(), within(Reference.TOLERANCE));
        }
    }

    @Test
    void rareCategoriesBecomeOtherAndMissingValuesTheirOwnSlice() {
        String[] city = {"a", "a", "a", "b", "b", "c", null, "d"};
        double[] when = {0, 1, 2, 3, 4, 5, Double.NaN, 7};
        double[] absoluteErrors = {1, 1, 1, 2, 2, 9, 4, 9};
        Frame frame = Frame.of(
                TextColumn.of("city", city),
                new NumericColumn("when", ValueKind.TIMESTAMP, when),
                new NumericColumn("flag", ValueKind.BOOLEAN, new double[] {1, 0, 1, 0, 1, 0, Double.NaN, 1}));

        SliceAnalysis analysis = SliceAnalysis.ofRegression(frame, absoluteErrors, new SliceSettings(2, 5, 2, 10));

        assertThat(analysis.metric()).isEqualTo("mae");
        assertThat(analysis.overall()).isEqualTo(29.0 / 8);
        assertThat(analysis.slices().stream().filter(s -> s.column().equals("city")))
                .extracting(Slice::value, Slice::size, Slice::metric)
                .containsExactly(
                        tuple("a", 3L, 1.0),
                        tuple("b", 2L, 2.0),
                        tuple("(other)", 2L, 9.0),
                        tuple("(missing)", 1L, 4.0));
        assertThat(analysis.slices().stream().filter(s -> s.column().equals("flag")))
                .extracting(Slice::value)
                .containsExactly("true", "false", "(missing)");
        assertThat(analysis.slices().stream().filter(s -> s.column().equals("when")))
                .extracting(Slice::value)
                .contains("[1970-01-01 00:00, 1970-01-01 00:00]", "(missing)");
        Slice missing = analysis.slices().stream()
                .filter(s -> s.column().equals("city") && s.value().equals("(missing)"))
                .findFirst()
                .orElseThrow();
        assertThat(missing.ciLow()).isNaN();
        assertThat(analysis.worst().getFirst().value()).isEqualTo("(other)");
    }
}
