package dev.gyre.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {

    private static final float NAN = Float.NaN;

    private static FittedPipeline fit(String yaml, Frame training) {
        return FeaturePipeline.fit(PipelineSpecTest.parse(yaml), training);
    }

    private static float[] row(FeatureMatrix matrix, int row) {
        float[] values = new float[matrix.width()];
        for (int column = 0; column < values.length; column++) {
            values[column] = matrix.get(row, column);
        }
        return values;
    }

    @Test
    void imputesThenStandardizesWithStatisticsOfTheImputedValues() {
        Frame training = Frame.of(NumericColumn.of("income", 1, 2, Double.NaN, 4, 10));

        FittedPipeline pipeline = fit("""
                pipeline:
                  - impute: {columns: [income], strategy: median}
                  - standardize: {columns: [income]}
                """, training);

        // median of 1, 2, 4, 10 is 3; the imputed column 1, 2, 3, 4, 10 has mean 4 and variance 50 / 5 = 10
        assertThat(pipeline.columns())
                .containsExactly(new FittedColumn(
                        "income",
                        ValueKind.NUMERIC,
                        List.of(
                                new NumericTransform.Imputation(3),
                                new NumericTransform.Standardization(4, Math.sqrt(10))),
                        List.of()));
        FeatureMatrix out = pipeline.transform(training);
        assertThat(out.names()).containsExactly("income");
        assertThat(out.values())
                .containsExactly(
                        new float[] {
                            (float) (-3 / Math.sqrt(10)),
                            (float) (-2 / Math.sqrt(10)),
                            (float) (-1 / Math.sqrt(10)),
                            0f,
                            (float) (6 / Math.sqrt(10))
                        },
                        within(1e-6f));
    }

    @Test
    void imputesByMeanMostFrequentAndConstant() {
        Frame training = Frame.of(
                NumericColumn.of("a", 1, 2, Double.NaN, 2, 10),
                NumericColumn.of("b", 1, 2, Double.NaN, 2, 10),
                NumericColumn.of("c", 1, 2, Double.NaN, 2, 10));

        FittedPipeline pipeline = fit("""
                pipeline:
                  - impute: {columns: [a], strategy: mean}
                  - impute: {columns: [b], strategy: most_frequent}
                  - impute: {columns: [c], strategy: constant, value: -1}
                """, training);

        assertThat(pipeline.columns())
                .extracting(FittedColumn::transforms)
                .containsExactly(
                        List.of(new NumericTransform.Imputation(3.75)),
                        List.of(new NumericTransform.Imputation(2)),
                        List.of(new NumericTransform.Imputation(-1)));
        assertThat(row(pipeline.transform(training), 2)).containsExactly(3.75f, 2f, -1f);
    }

    @Test
    void standardizingAConstantColumnGivesZeros() {
        Frame training = Frame.of(NumericColumn.of("x", 5, 5, 5));

        FittedPipeline pipeline = fit("pipeline:\n  - standardize: {columns: [x]}", training);

        assertThat(pipeline.columns().getFirst().transforms())
                .containsExactly(new NumericTransform.Standardization(5, 1));
        assertThat(pipeline.transform(training).values()).containsExactly(0f, 0f, 0f);
    }

    private static final Frame STATES =
            Frame.of(TextColumn.of("state", "CA", "NY", "CA", "TX", "CA", "NY", null, "WA"));

    @Test
    void oneHotKeepsFrequentCategoriesAndSendsTheRestToUnknown() {
        FittedPipeline pipeline = fit("pipeline:\n  - onehot: {columns: [state], min_frequency: 2}", STATES);

        assertThat(pipeline.columns().getFirst().encodings())
                .containsExactly(new Encoding.OneHot(CategoryIndex.of(List.of("CA", "NY"))));
        assertThat(pipeline.outputNames()).containsExactly("state=CA", "state=NY", "state=<unknown>");
        FeatureMatrix out = pipeline.transform(STATES);
        assertThat(row(out, 0)).containsExactly(1, 0, 0);
        assertThat(row(out, 1)).containsExactly(0, 1, 0);
        assertThat(row(out, 3)).as("TX is too rare").containsExactly(0, 0, 1);
        assertThat(row(out, 6)).as("missing sets nothing").containsExactly(0, 0, 0);

        FeatureMatrix unseen = pipeline.transform(Frame.of(TextColumn.of("state", "OR")));
        assertThat(row(unseen, 0)).containsExactly(0, 0, 1);
    }

    @Test
    void oneHotKeepsTheMostFrequentCategoriesListedAlphabetically() {
        Frame training = Frame.of(TextColumn.of("c", "b", "a", "b", "c", "c", "a", "d"));

        FittedPipeline pipeline = fit("pipeline:\n  - onehot: {columns: [c], max_categories: 2}", training);

        // a, b and c are tied at 2: the two alphabetically first win, listed alphabetically
        assertThat(pipeline.outputNames()).containsExactly("c=a", "c=b", "c=<unknown>");
    }

    @Test
    void ordinalRanksSortedCategoriesWithMinusOneForUnseenAndNanForMissing() {
        Frame training = Frame.of(TextColumn.of("grade", "B", "A", "C", "A"));

        FittedPipeline pipeline = fit("pipeline:\n  - ordinal: {columns: [grade]}", training);

        assertThat(pipeline.columns().getFirst().encodings())
                .containsExactly(new Encoding.Ordinal(CategoryIndex.of(List.of("A", "B", "C"))));
        assertThat(pipeline.outputNames()).containsExactly("grade.ordinal");
        assertThat(pipeline.transform(Frame.of(TextColumn.of("grade", "B", "C", "D", null)))
                        .values())
                .containsExactly(1f, 2f, -1f, NAN);
    }

    @Test
    void frequencyIsTheTrainingShareOfRows() {
        FittedPipeline pipeline = fit("pipeline:\n  - frequency: {columns: [state]}", STATES);

        assertThat(pipeline.columns().getFirst().encodings())
                .containsExactly(new Encoding.Frequency(
                        CategoryIndex.of(List.of("CA", "NY", "TX", "WA")), List.of(0.375, 0.25, 0.125, 0.125)));
        assertThat(pipeline.transform(Frame.of(TextColumn.of("state", "NY", "OR", null)))
                        .values())
                .containsExactly(0.25f, 0f, NAN);
    }

    @Test
    void oneColumnMayBeEncodedSeveralWays() {
        FittedPipeline pipeline = fit("""
                pipeline:
                  - onehot: {columns: [state], max_categories: 1}
                  - frequency: {columns: [state]}
                """, STATES);

        assertThat(pipeline.outputNames()).containsExactly("state=CA", "state=<unknown>", "state.frequency");
        assertThat(row(pipeline.transform(STATES), 1)).containsExactly(0f, 1f, 0.25f);
    }

    @Test
    void bucketizesAtQuantilesWidthsOrGivenEdges() {
        Frame training = Frame.of(
                NumericColumn.of("q", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                NumericColumn.of("w", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                NumericColumn.of("e", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        FittedPipeline pipeline = fit("""
                pipeline:
                  - bucketize: {columns: [q], buckets: 4}
                  - bucketize: {columns: [w], buckets: 3, method: width}
                  - bucketize: {columns: [e], edges: [5000, 10000]}
                """, training);

        // quantiles 1/4, 2/4, 3/4 of 1..10 at positions 2.25, 4.5, 6.75 of the sorted values
        assertThat(pipeline.columns())
                .extracting(FittedColumn::transforms)
                .containsExactly(
                        List.of(new NumericTransform.Bucketing(List.of(3.25, 5.5, 7.75))),
                        List.of(new NumericTransform.Bucketing(List.of(3.0, 6.0))),
                        List.of(new NumericTransform.Bucketing(List.of(5000.0, 10000.0))));
        Frame probe = Frame.of(
                NumericColumn.of("q", 1, 3.25, 5.5, 100, Double.NaN),
                NumericColumn.of("w", -5, 3, 5.9, 6, 9),
                NumericColumn.of("e", 4999, 5000, 9999, 10000, 1e9));
        FeatureMatrix out = pipeline.transform(probe);
        assertThat(out.values()).containsExactly(0, 0, 0, 1, 1, 1, 2, 1, 1, 3, 2, 2, NAN, 2, 2);
    }

    @Test
    void quantileEdgesSkipRepeatsAndTheMinimum() {
        Frame training = Frame.of(NumericColumn.of("x", 0, 0, 0, 0, 0, 0, 0, 0, 1, 2));

        FittedPipeline pipeline = fit("pipeline:\n  - bucketize: {columns: [x], buckets: 5}", training);

        // quantiles 0.2 .. 0.6 land on the minimum 0 and are left out; 0.8 sits at position 7.2, between 0 and 1
        assertThat(edges(pipeline)).containsExactly(new double[] {0.2}, within(1e-12));
        // with ten buckets, 0.9 sits at position 8.1, between 1 and 2
        assertThat(edges(fit("pipeline:\n  - bucketize: {columns: [x], buckets: 10}", training)))
                .containsExactly(new double[] {0.2, 1.1}, within(1e-12));
    }

    private static double[] edges(FittedPipeline pipeline) {
        NumericTransform.Bucketing bucketing = (NumericTransform.Bucketing)
                pipeline.columns().getFirst().transforms().getFirst();
        return bucketing.edges().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void datePartsReadUtcCalendarFields() {
        long friday = Instant.parse("2024-03-15T13:45:00Z").toEpochMilli();
        Frame training =
                Frame.of(new NumericColumn("date", ValueKind.TIMESTAMP, new double[] {friday, -500, Double.NaN}));

        FittedPipeline pipeline = fit(
                "pipeline:\n  - date_parts: {columns: [date], parts: [year, month, day, day_of_week, day_of_year,"
                        + " hour, minute]}",
                training);

        assertThat(pipeline.outputNames())
                .containsExactly(
                        "date.year",
                        "date.month",
                        "date.day",
                        "date.day_of_week",
                        "date.day_of_year",
                        "date.hour",
                        "date.minute");
        FeatureMatrix out = pipeline.transform(training);
        assertThat(row(out, 0)).containsExactly(2024, 3, 15, 5, 75, 13, 45);
        assertThat(row(out, 1)).as("half a second before the epoch").containsExactly(1969, 12, 31, 3, 365, 23, 59);
        assertThat(row(out, 2)).containsOnly(NAN);
    }

    @Test
    void hashCountsLowerCasedTokensInMurmurBuckets() {
        assertThat(Encoding.TextHashing.tokens("Café-au-lait, 2024!!  X"))
                .containsExactly("café", "au", "lait", "2024", "x");
        Frame training = Frame.of(TextColumn.of("title", "Loan for Car, car!", null));

        FittedPipeline pipeline = fit("pipeline:\n  - hash: {columns: [title], buckets: 8}", training);

        assertThat(pipeline.outputNames()).hasSize(8).startsWith("title#0").endsWith("title#7");
        float[] expected = new float[8];
        for (String token : List.of("loan", "for", "car", "car")) {
            expected[Math.floorMod(Murmur3.hash32(token.getBytes(StandardCharsets.UTF_8), 0), 8)]++;
        }
        FeatureMatrix out = pipeline.transform(training);
        assertThat(row(out, 0)).containsExactly(expected);
        assertThat(row(out, 1)).containsOnly(0f);
        // fixed buckets (Guava's murmur3_32_fixed agrees) so that a change of hash is caught
        assertThat(row(out, 0)).containsExactly(0, 0, 2, 0, 0, 1, 1, 0);
    }

    @Test
    void autoPipelineEncodesEachKindByTheDocumentedRule() {
        String[] manyCategories = new String[25];
        for (int i = 0; i < manyCategories.length; i++) {
            manyCategories[i] = "c" + (char) ('a' + i % 21);
        }
        manyCategories[0] = null;
        double[] numbers = new double[25];
        numbers[3] = Double.NaN;
        numbers[4] = 7;
        double[] flags = new double[25];
        flags[1] = 1;
        double[] dates = new double[25];
        String[] few = new String[25];
        for (int i = 0; i < few.length; i++) {
            few[i] = i % 2 == 0 ? "even" : "odd";
        }
        Frame training = Frame.of(
                NumericColumn.of("amount", numbers),
                new NumericColumn("flag", ValueKind.BOOLEAN, flags),
                TextColumn.of("few", few),
                TextColumn.of("many", manyCategories),
                new NumericColumn("when", ValueKind.TIMESTAMP, dates));

        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), training);

        assertThat(pipeline.inputSchema())
                .containsExactly(
                        new InputColumn("amount", ValueKind.NUMERIC),
                        new InputColumn("flag", ValueKind.BOOLEAN),
                        new InputColumn("few", ValueKind.STRING),
                        new InputColumn("many", ValueKind.STRING),
                        new InputColumn("when", ValueKind.TIMESTAMP));
        assertThat(pipeline.outputNames())
                .containsExactly(
                        "amount",
                        "flag",
                        "few=even",
                        "few=odd",
                        "few=<unknown>",
                        "many.frequency",
                        "when.year",
                        "when.month",
                        "when.day",
                        "when.day_of_week",
                        "when.hour");
        FeatureMatrix out = pipeline.transform(training);
        assertThat(row(out, 3)[0]).as("NaN kept for XGBoost").isNaN();
        assertThat(row(out, 1)).containsExactly(0, 1, 0, 1, 0, 2 / 25f, 1970, 1, 1, 4, 0);
    }

    @Test
    void columnsNamedByStepsGetOnlyTheirStepsAndDroppedOnesAreNoInput() {
        Frame training = Frame.of(
                NumericColumn.of("id", 1, 2),
                TextColumn.of("state", "CA", "NY"),
                TextColumn.of("title", "a", "b"),
                NumericColumn.of("x", 1, 2));

        FittedPipeline pipeline =
                fit("pipeline:\n  - drop: {columns: [id]}\n  - ordinal: {columns: [state]}", training);

        assertThat(pipeline.inputSchema()).extracting(InputColumn::name).containsExactly("state", "title", "x");
        assertThat(pipeline.outputNames())
                .containsExactly("state.ordinal", "title=a", "title=b", "title=<unknown>", "x");
    }

    @Test
    void fitsOnTrainingDataOnly() {
        Frame training = Frame.of(NumericColumn.of("x", 1, 2, 3), TextColumn.of("s", "a", "a", "b"));
        Frame heldOut = Frame.of(NumericColumn.of("x", 100, 200, 300), TextColumn.of("s", "z", "z", "z"));
        String yaml = "pipeline:\n  - standardize: {columns: [x]}\n  - onehot: {columns: [s]}\n"
                + "  - frequency: {columns: [s]}";

        FittedPipeline pipeline = fit(yaml, training);
        FeatureMatrix out = pipeline.transform(heldOut);

        assertThat(pipeline).isEqualTo(fit(yaml, training));
        double scale = Math.sqrt(2.0 / 3);
        assertThat(row(out, 0)).containsExactly(new float[] {(float) (98 / scale), 0, 0, 1, 0}, within(1e-3f));
        assertThat(pipeline.outputNames()).containsExactly("x", "s=a", "s=b", "s=<unknown>", "s.frequency");
    }

    @Test
    void fittingIsDeterministicWhateverTheRowOrder() {
        Frame training = Frame.of(
                TextColumn.of("s", "q", "b", "z", "a", "b", "m", "q", "q"),
                NumericColumn.of("x", 3, 1, 4, 1, 5, 9, 2, 6));
        String yaml = "pipeline:\n  - onehot: {columns: [s]}\n  - ordinal: {columns: [s]}\n"
                + "  - frequency: {columns: [s]}\n  - impute: {columns: [x], strategy: median}";

        FittedPipeline pipeline = fit(yaml, training);

        assertThat(fit(yaml, training)).isEqualTo(pipeline).hasSameHashCodeAs(pipeline);
        assertThat(fit(yaml, training.select(new int[] {7, 6, 5, 4, 3, 2, 1, 0})))
                .isEqualTo(pipeline);
        assertThat(pipeline.outputNames()).startsWith("s=a", "s=b", "s=m", "s=q", "s=z", "s=<unknown>");
    }

    @Test
    void transformChecksTheInputsAndIgnoresExtraColumns() {
        Frame training = Frame.of(NumericColumn.of("x", 1, 2), TextColumn.of("s", "a", "b"));
        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), training);

        assertThatThrownBy(() -> pipeline.transform(Frame.of(NumericColumn.of("x", 1))))
                .isInstanceOf(GyreException.class)
                .hasMessage("input has no column 's', which the feature pipeline needs (string)");
        assertThatThrownBy(() -> pipeline.transform(Frame.of(TextColumn.of("x", "1"), TextColumn.of("s", "a"))))
                .isInstanceOf(GyreException.class)
                .hasMessage("input column 'x' is string but the feature pipeline needs numeric");
        assertThatThrownBy(() -> pipeline.transform(
                        Frame.of(new NumericColumn("x", ValueKind.BOOLEAN, new double[] {1}), TextColumn.of("s", "a"))))
                .hasMessage("input column 'x' is boolean but the feature pipeline needs numeric");

        FeatureMatrix out = pipeline.transform(
                Frame.of(TextColumn.of("s", "b"), NumericColumn.of("extra", 9), NumericColumn.of("x", 7)));
        assertThat(out.rows()).isEqualTo(1);
        assertThat(row(out, 0)).containsExactly(7, 0, 1, 0);
    }

    @Test
    void fittingNamesTheStepAndColumnAtFault() {
        Frame training = Frame.of(
                NumericColumn.of("x", 1, 2),
                TextColumn.of("s", "a", "b"),
                NumericColumn.of("empty", Double.NaN, Double.NaN));

        assertThatThrownBy(
                        () -> fit("pipeline:\n  - standardize: {columns: [x]}\n  - onehot: {columns: [t]}", training))
                .isInstanceOf(GyreException.class)
                .hasMessage("pipeline step 2 (onehot): no column 't' in the training data (columns: x, s, empty)");
        assertThatThrownBy(() -> fit("pipeline:\n  - standardize: {columns: [x, s]}", training))
                .hasMessage("pipeline step 1 (standardize): column 's' is string, but standardize needs a numeric or"
                        + " boolean column");
        assertThatThrownBy(() -> fit("pipeline:\n  - onehot: {columns: [x]}", training))
                .hasMessage("pipeline step 1 (onehot): column 'x' is numeric, but onehot needs a string column");
        assertThatThrownBy(() -> fit("pipeline:\n  - date_parts: {columns: [x]}", training))
                .hasMessage("pipeline step 1 (date_parts): column 'x' is numeric, but date_parts needs a timestamp"
                        + " column");
        assertThatThrownBy(() -> fit("pipeline:\n  - drop: {columns: [s]}\n  - ordinal: {columns: [s]}", training))
                .hasMessage("pipeline step 2 (ordinal): column 's' is dropped by step 1");
        assertThatThrownBy(() -> fit("pipeline:\n  - impute: {columns: [empty]}", training))
                .hasMessage("pipeline step 1 (impute): column 'empty' has no values in the training data to learn"
                        + " from (or infinite ones)");
        assertThatThrownBy(() -> fit("pipeline:\n  - onehot: {columns: [s]}\n  - onehot: {columns: [s]}", training))
                .hasMessage("pipeline: feature 's=a' would be produced twice");
    }

    @Test
    void transformsAMillionRowsWithoutBoxing() {
        int rows = 1_000_000;
        Random random = new Random(42);
        double[] income = new double[rows];
        double[] rate = new double[rows];
        String[] state = new String[rows];
        String[] grade = new String[rows];
        String[] states = {"CA", "NY", "TX", "FL", "WA", "IL", "OH", "GA", "NC", "MI"};
        for (int i = 0; i < rows; i++) {
            income[i] = random.nextDouble() < 0.05 ? Double.NaN : 30_000 + random.nextDouble() * 100_000;
            rate[i] = 5 + random.nextDouble() * 20;
            state[i] = states[random.nextInt(states.length)];
            grade[i] = "G" + random.nextInt(35);
        }
        Frame frame = Frame.of(
                NumericColumn.of("income", income),
                NumericColumn.of("rate", rate),
                TextColumn.of("state", state),
                TextColumn.of("grade", grade));
        FittedPipeline pipeline = fit("""
                pipeline:
                  - impute: {columns: [income]}
                  - standardize: {columns: [income]}
                  - bucketize: {columns: [rate], buckets: 10}
                """, frame);

        pipeline.transform(frame); // warm up
        long start = System.nanoTime();
        FeatureMatrix out = pipeline.transform(frame);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("transform of " + rows + " rows × " + out.width() + " features: " + millis + " ms");
        assertThat(out.rows()).isEqualTo(rows);
        assertThat(out.names()).hasSize(2 + 11 + 1);
    }
}
