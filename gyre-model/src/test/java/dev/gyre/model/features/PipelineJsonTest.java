package dev.gyre.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineJsonTest {

    private static final float NAN = Float.NaN;

    /** The training data and spec that wrote {@code compat/pipeline-v1.json}; do not change them. */
    static FittedPipeline compatPipeline() {
        Frame training = Frame.of(
                NumericColumn.of("income", 52_000.5, Double.NaN, 61_000, 1e-7, 98_765.4321),
                NumericColumn.of("rate", 7.1, 13.99, 0.1 + 0.2, 21.5, 9),
                new NumericColumn("flag", ValueKind.BOOLEAN, new double[] {1, 0, 0, 1, Double.NaN}),
                TextColumn.of("state", "CA", "NY", "CA", null, "TX"),
                TextColumn.of("grade", "B2", "A1", "C3", "A1", "B2"),
                TextColumn.of("title", "Debt consolidation", "car loan", null, "Car", "Home improvement"),
                new NumericColumn("issued", ValueKind.TIMESTAMP, new double[] {
                    Instant.parse("2018-01-31T10:00:00Z").toEpochMilli(),
                    Instant.parse("2019-06-15T23:59:59Z").toEpochMilli(),
                    Double.NaN,
                    0,
                    Instant.parse("2020-02-29T12:30:00Z").toEpochMilli()
                }),
                TextColumn.of("id", "x1", "x2", "x3", "x4", "x5"));
        return FeaturePipeline.fit(PipelineSpecTest.parse("""
                        pipeline:
                          - impute: {columns: [income], strategy: mean}
                          - standardize: {columns: [income]}
                          - bucketize: {columns: [rate], buckets: 3, method: quantile}
                          - onehot: {columns: [state], max_categories: 1}
                          - frequency: {columns: [state]}
                          - ordinal: {columns: [grade]}
                          - hash: {columns: [title], buckets: 4}
                          - drop: {columns: [id]}
                        """), training);
    }

    private static final Frame PROBE = Frame.of(
            NumericColumn.of("income", 70_000, Double.NaN),
            NumericColumn.of("rate", 10, 30),
            new NumericColumn("flag", ValueKind.BOOLEAN, new double[] {1, Double.NaN}),
            TextColumn.of("state", "NY", "WA"),
            TextColumn.of("grade", "C3", "Z9"),
            TextColumn.of("title", "Car loan, car!", null),
            new NumericColumn("issued", ValueKind.TIMESTAMP, new double[] {
                Instant.parse("2024-12-31T07:08:09Z").toEpochMilli(), Double.NaN
            }));

    @Test
    void roundTripGivesAnEqualPipelineAndIdenticalFeatures() {
        FittedPipeline pipeline = compatPipeline();

        String json = PipelineJson.write(pipeline);
        FittedPipeline read = PipelineJson.read(json);

        assertThat(read).isEqualTo(pipeline);
        assertThat(read.transform(PROBE).values())
                .isEqualTo(pipeline.transform(PROBE).values());
        assertThat(PipelineJson.write(read)).isEqualTo(json);
        assertThat(PipelineJson.read(PipelineJson.writeBytes(pipeline))).isEqualTo(pipeline);
        assertThat(json).contains("\"format\" : \"gyre.pipeline/v1\"");
    }

    @Test
    void doublesSurviveExactly() {
        Frame training = Frame.of(NumericColumn.of("x", 0.1, 0.2, 1.0 / 3, 1e-300, 123456789.123456789));
        FittedPipeline pipeline = FeaturePipeline.fit(
                PipelineSpecTest.parse("pipeline:\n  - standardize: {columns: [x]}\n  - bucketize: {columns: [x]}"),
                training);

        assertThat(PipelineJson.read(PipelineJson.write(pipeline))).isEqualTo(pipeline);
    }

    @Test
    void committedVersionOneFileStillLoadsAndTransformsTheSame() throws IOException {
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("/compat/pipeline-v1.json")) {
            assertThat(in).as("compat/pipeline-v1.json").isNotNull();
            fixture = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        FittedPipeline read = PipelineJson.read(fixture);

        assertThat(read).isEqualTo(compatPipeline());
        assertThat(read.inputSchema())
                .containsExactly(
                        new InputColumn("income", ValueKind.NUMERIC),
                        new InputColumn("rate", ValueKind.NUMERIC),
                        new InputColumn("flag", ValueKind.BOOLEAN),
                        new InputColumn("state", ValueKind.STRING),
                        new InputColumn("grade", ValueKind.STRING),
                        new InputColumn("title", ValueKind.STRING),
                        new InputColumn("issued", ValueKind.TIMESTAMP));
        assertThat(read.outputNames())
                .containsExactly(
                        "income",
                        "rate",
                        "flag",
                        "state=CA",
                        "state=<unknown>",
                        "state.frequency",
                        "grade.ordinal",
                        "title#0",
                        "title#1",
                        "title#2",
                        "title#3",
                        "issued.year",
                        "issued.month",
                        "issued.day",
                        "issued.day_of_week",
                        "issued.hour");
        FeatureMatrix out = read.transform(PROBE);
        assertThat(out.values()).containsExactly(EXPECTED_PROBE_FEATURES);
    }

    /** The features of {@link #PROBE} under the compatibility pipeline, recorded when the fixture was written. */
    private static final float[] EXPECTED_PROBE_FEATURES = {
        // income 70000 standardized, rate in bucket 1, flag, state NY → <unknown> with share 0.2, grade C3 → 2,
        // "Car loan, car!" → car ×2 and loan both in bucket 2 of 4, 2024-12-31T07:08 is a Tuesday
        0.5411472f,
        1,
        1,
        0,
        1,
        0.2f,
        2,
        0,
        0,
        3,
        0,
        2024,
        12,
        31,
        2,
        7,
        // income missing → the mean, which standardizes to (almost) 0; rate 30 in the top bucket; WA unseen; Z9
        // unseen → -1; no title; no date
        2.3081513E-16f,
        2,
        NAN,
        0,
        1,
        0,
        -1,
        0,
        0,
        0,
        0,
        NAN,
        NAN,
        NAN,
        NAN,
        NAN
    };

    @Test
    void refusesOtherFormatsAndDamagedFiles() {
        assertThatThrownBy(() -> PipelineJson.read("{\"format\": \"gyre.pipeline/v2\", \"columns\": []}"))
                .isInstanceOf(GyreException.class)
                .hasMessage("feature pipeline: format 'gyre.pipeline/v2' is not one this Gyre reads"
                        + " (gyre.pipeline/v1); it was probably written by a newer Gyre, so upgrade to read it");
        assertThatThrownBy(() -> PipelineJson.read("{\"format\": \"sklearn\"}"))
                .hasMessage("feature pipeline: unknown format 'sklearn' (expected gyre.pipeline/v1)");
        assertThatThrownBy(() -> PipelineJson.read("{\"columns\": []}"))
                .hasMessage("feature pipeline: no 'format' field, so not a Gyre pipeline file");
        assertThatThrownBy(() -> PipelineJson.read("[1")).hasMessageStartingWith("feature pipeline: not JSON");
        String json = PipelineJson.write(compatPipeline());
        assertThatThrownBy(() -> PipelineJson.read(json.replace("\"state=CA\"", "\"state=NY\"")))
                .hasMessageStartingWith("feature pipeline (gyre.pipeline/v1) is damaged: its outputs");
        assertThatThrownBy(() -> PipelineJson.read(json.replace("\"ordinal\"", "\"target\"")))
                .hasMessage("feature pipeline (gyre.pipeline/v1) is damaged: unknown encoding 'target'");
    }
}
