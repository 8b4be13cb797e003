package dev.gyre.bench.train;

import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.train.data.FrameReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Prepares the inputs of {@code bench/train.sh} once into a work folder (files that exist are kept): purely numeric
 * CSV files that Gyre and Python's xgboost both read, so that both sides train on the very same numbers and only
 * training is compared. Each file has the header {@code label,split,<feature names>}: {@code label} is 0 or 1,
 * {@code split} is 0 for a training row and 1 for a test row (the first 80% of a seeded shuffle are training rows),
 * then the features as Gyre's automatic feature pipeline ({@code PipelineSpec.auto()}) produces them, as the shortest
 * decimal text of each {@code float} ({@code NaN} for a missing value).
 *
 * <ul>
 *   <li>{@code lending.csv}: {@code modeldata_lending_club.csv} (9,857 rows), target {@code Class} with
 *       {@code bad} = 1; the pipeline is fitted on the whole file minus the target (one-hot for the small string
 *       columns, frequency codes for {@code sub_grade} and {@code addr_state});
 *   <li>{@code flights-1m.csv}: a reservoir sample of 1,000,000 rows of {@code flights-3m.parquet} (DuckDB, seed
 *       42, kept as {@code flights-1m.parquet}), target {@code delay > 15}; features {@code date} (year, month, day,
 *       day of week, hour), {@code distance}, {@code origin} and {@code destination} (frequency codes).
 * </ul>
 *
 * <p>Usage: {@code TrainSetup WORK_DIR DATA_DIR}.
 */
public final class TrainSetup {

    static final long SEED = 42;
    static final double TRAIN_SHARE = 0.8;
    static final int FLIGHT_ROWS = 1_000_000;

    private TrainSetup() {}

    public static void main(String[] args) throws IOException, SQLException {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/gyre-train-bench");
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data");
        Files.createDirectories(work);
        Path lending = work.resolve("lending.csv");
        if (!Files.isRegularFile(lending)) {
            Frame frame = read(data.resolve("modeldata_lending_club.csv"));
            TextColumn target = (TextColumn) frame.column("Class");
            float[] labels = new float[frame.rows()];
            for (int row = 0; row < labels.length; row++) {
                labels[row] = "bad".equals(target.values()[row]) ? 1 : 0;
            }
            write(lending, frame.without(List.of("Class")), labels);
        }
        Path flights = work.resolve("flights-1m.csv");
        if (!Files.isRegularFile(flights)) {
            Path sample = work.resolve("flights-1m.parquet");
            Path partial = work.resolve("flights-1m.parquet.tmp");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement()) {
                s.execute("SET threads TO 1"); // a reservoir sample is repeatable on one thread only
                s.execute("COPY (SELECT * FROM read_parquet(" + sql(data.resolve("flights-3m.parquet"))
                        + ") WHERE delay IS NOT NULL USING SAMPLE reservoir(" + FLIGHT_ROWS + " ROWS) REPEATABLE ("
                        + SEED + ")) TO " + sql(partial) + " (FORMAT parquet)");
            }
            Files.move(partial, sample, StandardCopyOption.REPLACE_EXISTING);
            Frame frame = read(sample);
            NumericColumn delay = (NumericColumn) frame.column("delay");
            float[] labels = new float[frame.rows()];
            for (int row = 0; row < labels.length; row++) {
                labels[row] = delay.values()[row] > 15 ? 1 : 0;
            }
            write(flights, frame.without(List.of("delay")), labels);
        }
        System.out.println("inputs ready in " + work);
    }

    private static Frame read(Path file) {
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(file.toAbsolutePath()))) {
            return FrameReader.read(reader);
        }
    }

    /** Fits the automatic pipeline on {@code features} and writes the matrix with labels and the split column. */
    private static void write(Path target, Frame features, float[] labels) throws IOException {
        for (Column column : features.columns()) {
            System.out.println("  input " + column.name() + ": " + column.kind().label());
        }
        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), features);
        FeatureMatrix matrix = pipeline.transform(features);
        int[] split = split(matrix.rows());
        Path partial = target.resolveSibling(target.getFileName() + ".tmp");
        int positives = 0;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("label", "split"));
            matrix.names().forEach(name -> header.add(name.replaceAll("[,\"\\s]", "_")));
            out.write(String.join(",", header));
            out.newLine();
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < matrix.rows(); row++) {
                line.setLength(0);
                line.append((int) labels[row]).append(',').append(split[row]);
                for (int column = 0; column < matrix.width(); column++) {
                    line.append(',').append(Float.toString(matrix.get(row, column)));
                }
                out.write(line.toString());
                out.newLine();
                positives += (int) labels[row];
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + target + ": " + matrix.rows() + " rows (" + positives + " positive), "
                + matrix.width() + " features " + matrix.names());
    }

    /** 0 for the first {@value #TRAIN_SHARE} of a shuffle seeded with {@value #SEED}, 1 (test) for the rest. */
    static int[] split(int rows) {
        int[] order = IntStream.range(0, rows).toArray();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] split = new int[rows];
        int trainRows = (int) Math.round(rows * TRAIN_SHARE);
        for (int i = trainRows; i < rows; i++) {
            split[order[i]] = 1;
        }
        return split;
    }

    private static String sql(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
