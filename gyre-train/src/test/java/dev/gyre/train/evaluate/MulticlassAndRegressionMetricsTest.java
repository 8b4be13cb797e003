package dev.gyre.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MulticlassAndRegressionMetricsTest {

    private static final JsonNode REFERENCE = Reference.load();

    @Test
    void multiclassMetricsMatchScikitLearnOnIris() {
        JsonNode iris = REFERENCE.get("multiclass");
        List<String> classes = List.of(Reference.strings(iris.get("classes")));

        MulticlassMetrics metrics = MulticlassMetrics.of(
                Reference.ints(iris.get("labels")), Reference.matrix(iris.get("probabilities")), classes);

        Map<String, Double> map = metrics.asMap();
        iris.get("expected").properties().forEach(e -> assertThat(map.get(e.getKey()))
                .as(e.getKey())
                .isCloseTo(e.getValue().asDouble(), within(Reference.TOLERANCE)));
        assertThat(metrics.confusion().counts()).isEqualTo(Reference.counts(iris.get("confusion")));
        for (int c = 0; c < classes.size(); c++) {
            ClassMetrics perClass = metrics.perClass().get(c);
            assertThat(perClass.name()).isEqualTo(classes.get(c));
            assertThat(perClass.precision())
                    .isCloseTo(iris.at("/per_class/precision/" + c).asDouble(), within(Reference.TOLERANCE));
            assertThat(perClass.recall())
                    .isCloseTo(iris.at("/per_class/recall/" + c).asDouble(), within(Reference.TOLERANCE));
            assertThat(perClass.f1()).isCloseTo(iris.at("/per_class/f1/" + c).asDouble(), within(Reference.TOLERANCE));
            assertThat(perClass.support())
                    .isEqualTo(iris.at("/per_class/support/" + c).asLong());
        }
    }

    @Test
    void multiclassRefusesALabelOutsideTheClasses() {
        assertThatThrownBy(() ->
                        MulticlassMetrics.of(new int[] {3}, new double[][] {{0.2, 0.3, 0.5}}, List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 is not a class index in [0, 2]");
    }

    @Test
    void regressionMetricsMatchScikitLearnOnBreastCancerArea() {
        JsonNode reference = REFERENCE.get("regression");
        double[] y = Reference.doubles(reference.get("y"));

        RegressionMetrics metrics = RegressionMetrics.of(y, Reference.doubles(reference.get("predictions")));

        Map<String, Double> map = metrics.asMap();
        reference.get("expected").properties().forEach(e -> assertThat(map.get(e.getKey()))
                .as(e.getKey())
                .isCloseTo(e.getValue().asDouble(), within(Reference.TOLERANCE)));
        reference.get("residual_quantiles").properties().forEach(e -> assertThat(
                        metrics.residualQuantiles().get(e.getKey()))
                .as(e.getKey())
                .isCloseTo(e.getValue().asDouble(), within(Reference.TOLERANCE)));
        assertThat(metrics.residualHistogram().total()).isEqualTo(y.length);
        assertThat(metrics.residualHistogram().counts()).hasSize(20);
    }

    @Test
    void constantTargetFollowsScikitLearnsForceFinite() {
        assertThat(RegressionMetrics.of(new double[] {2, 2}, new double[] {2, 2})
                        .r2())
                .isEqualTo(1.0);
        assertThat(RegressionMetrics.of(new double[] {2, 2}, new double[] {1, 3})
                        .r2())
                .isEqualTo(0.0);
    }

    @Test
    void regressionRefusesEmptyAndNonFiniteInput() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[0], new double[0]))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("row 0: prediction NaN is not a finite number");
    }
}
