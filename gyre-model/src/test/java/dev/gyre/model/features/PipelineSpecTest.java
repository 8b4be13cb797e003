package dev.gyre.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.features.PipelineStep.BucketMethod;
import dev.gyre.model.features.PipelineStep.ImputeStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static PipelineSpec parse(String yaml) {
        try {
            return PipelineSpec.fromTree(YAML.readTree(yaml).path("pipeline"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsEveryTransformWithItsOptions() {
        PipelineSpec spec = parse("""
                pipeline:
                  - impute: {columns: [annual_inc, revol_util], strategy: median}
                  - impute: {columns: [all_util], strategy: constant, value: -1}
                  - standardize: {columns: [annual_inc]}
                  - onehot: {columns: [addr_state], max_categories: 20, min_frequency: 5}
                  - ordinal: {columns: [sub_grade]}
                  - frequency: {columns: [addr_state]}
                  - bucketize: {columns: [int_rate], buckets: 10, method: quantile}
                  - bucketize: {columns: [funded_amnt], edges: [5000, 10000.5]}
                  - date_parts: {columns: [date], parts: [year, month, day_of_week, hour]}
                  - hash: {columns: [title], buckets: 64}
                  - drop: {columns: [id]}
                """);

        assertThat(spec.steps())
                .containsExactly(
                        new PipelineStep.Impute(List.of("annual_inc", "revol_util"), ImputeStrategy.MEDIAN, Double.NaN),
                        new PipelineStep.Impute(List.of("all_util"), ImputeStrategy.CONSTANT, -1),
                        new PipelineStep.Standardize(List.of("annual_inc")),
                        new PipelineStep.OneHot(List.of("addr_state"), 20, 5),
                        new PipelineStep.Ordinal(List.of("sub_grade")),
                        new PipelineStep.Frequency(List.of("addr_state")),
                        new PipelineStep.Bucketize(List.of("int_rate"), 10, BucketMethod.QUANTILE, List.of()),
                        new PipelineStep.Bucketize(
                                List.of("funded_amnt"), 3, BucketMethod.QUANTILE, List.of(5000.0, 10000.5)),
                        new PipelineStep.DateParts(
                                List.of("date"),
                                List.of(DatePart.YEAR, DatePart.MONTH, DatePart.DAY_OF_WEEK, DatePart.HOUR)),
                        new PipelineStep.Hash(List.of("title"), 64),
                        new PipelineStep.Drop(List.of("id")));
    }

    @Test
    void appliesDocumentedDefaults() {
        PipelineSpec spec = parse("""
                pipeline:
                  - impute: {columns: [a]}
                  - onehot: {columns: [b]}
                  - bucketize: {columns: [c]}
                  - date_parts: {columns: [d]}
                """);

        assertThat(spec.steps())
                .containsExactly(
                        new PipelineStep.Impute(List.of("a"), ImputeStrategy.MEDIAN, Double.NaN),
                        new PipelineStep.OneHot(List.of("b"), Integer.MAX_VALUE, 1),
                        new PipelineStep.Bucketize(List.of("c"), 10, BucketMethod.QUANTILE, List.of()),
                        new PipelineStep.DateParts(List.of("d"), PipelineStep.DateParts.DEFAULT_PARTS));
    }

    @Test
    void absentNullOrAutoMeansTheAutomaticPipeline() throws Exception {
        assertThat(PipelineSpec.fromTree(null)).isEqualTo(PipelineSpec.auto());
        assertThat(PipelineSpec.fromTree(MissingNode.getInstance())).isEqualTo(PipelineSpec.auto());
        assertThat(PipelineSpec.fromTree(NullNode.getInstance())).isEqualTo(PipelineSpec.auto());
        assertThat(parse("pipeline: auto").isAuto()).isTrue();
        assertThat(parse("name: x").isAuto()).isTrue();
    }

    @Test
    void namesStepAndKeyInEveryError() {
        assertError("pipeline: manual", "pipeline: expected 'auto' or a list of steps, not 'manual'");
        assertError(
                "pipeline: {impute: {columns: [a]}}",
                "pipeline: expected 'auto' or a list of steps such as "
                        + "'- impute: {columns: [income], strategy: median}'");
        assertError(
                "pipeline:\n  - standardize: {columns: [a]}\n  - onehott: {columns: [b]}",
                "pipeline step 2: unknown transform 'onehott' (expected one of impute, standardize, onehot, ordinal,"
                        + " frequency, bucketize, date_parts, hash, drop)");
        assertError(
                "pipeline:\n  - {standardize: {columns: [a]}, onehot: {columns: [b]}}",
                "pipeline step 1: expected one transform with its options, e.g. '- standardize: {columns: [income]}'");
        assertError(
                "pipeline:\n  - standardize: [a]",
                "pipeline step 1 (standardize): expected options such as '{columns: [...]}'");
        assertError(
                "pipeline:\n  - impute: {columns: [a], strategie: mean}",
                "pipeline step 1 (impute): unknown option 'strategie' (expected columns, strategy, value)");
        assertError(
                "pipeline:\n  - standardize: {}",
                "pipeline step 1 (standardize): 'columns' is required: a list of column names");
        assertError(
                "pipeline:\n  - standardize: {columns: a}",
                "pipeline step 1 (standardize): 'columns' must be a non-empty list of column names");
        assertError(
                "pipeline:\n  - standardize: {columns: [a, a]}",
                "pipeline step 1 (standardize): 'columns' lists 'a' twice");
        assertError(
                "pipeline:\n  - impute: {columns: [a], strategy: mode}",
                "pipeline step 1 (impute): 'strategy' is 'mode' (expected median, mean, most_frequent or constant)");
        assertError(
                "pipeline:\n  - impute: {columns: [a], strategy: constant}",
                "pipeline step 1 (impute): strategy constant needs 'value', a finite number");
        assertError(
                "pipeline:\n  - impute: {columns: [a], value: 3}",
                "pipeline step 1 (impute): 'value' goes with strategy constant only");
        assertError(
                "pipeline:\n  - onehot: {columns: [a], max_categories: 0}",
                "pipeline step 1 (onehot): 'max_categories' must be a whole number of at least 1, not 0");
        assertError(
                "pipeline:\n  - onehot: {columns: [a], min_frequency: 2.5}",
                "pipeline step 1 (onehot): 'min_frequency' must be a whole number of at least 1, not 2.5");
        assertError(
                "pipeline:\n  - bucketize: {columns: [a], buckets: 1}",
                "pipeline step 1 (bucketize): 'buckets' must be at least 2");
        assertError(
                "pipeline:\n  - bucketize: {columns: [a], method: log}",
                "pipeline step 1 (bucketize): 'method' is 'log' (expected quantile or width)");
        assertError(
                "pipeline:\n  - bucketize: {columns: [a], edges: [1, 1]}",
                "pipeline step 1 (bucketize): 'edges' must be strictly increasing");
        assertError(
                "pipeline:\n  - bucketize: {columns: [a], edges: [1], buckets: 3}",
                "pipeline step 1 (bucketize): give either 'edges' or 'buckets' (with 'method'), not both");
        assertError(
                "pipeline:\n  - date_parts: {columns: [d], parts: [year, week]}",
                "pipeline step 1 (date_parts): 'parts' has unknown part 'week' (expected a list of year, month, day,"
                        + " day_of_week, day_of_year, hour, minute)");
        assertError(
                "pipeline:\n  - hash: {columns: [t]}",
                "pipeline step 1 (hash): 'buckets' is required: the number of hash buckets, e.g. 64");
        assertError(
                "pipeline:\n  - hash: {columns: [t], buckets: 100000}",
                "pipeline step 1 (hash): 'buckets' must be at most 65536");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(
                        GyreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage(message);
    }
}
