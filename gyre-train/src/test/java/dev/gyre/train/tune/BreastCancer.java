package dev.gyre.train.tune;

import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.train.trainer.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Test-only reader of the shared breast_cancer.csv (line 1 is {@code n_samples,n_features,<class names>}, the last
 * column the class), every fifth row validating; the minimum of {@code trainer.Datasets}, which is package-private.
 */
final class BreastCancer {

    private BreastCancer() {}

    static TrainingData trainingData() {
        List<String> lines = lines();
        int width = Integer.parseInt(lines.getFirst().split(",")[1].strip());
        List<String> names = IntStream.range(0, width).mapToObj(i -> "f" + i).toList();
        List<String> rows = lines.subList(1, lines.size());
        List<String> train = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            (row % 5 == 4 ? validation : train).add(rows.get(row));
        }
        return TrainingData.of(Task.BINARY, 2, features(train, width, names), labels(train, width))
                .withValidation(features(validation, width, names), labels(validation, width));
    }

    private static FeatureMatrix features(List<String> rows, int width, List<String> names) {
        float[] values = new float[rows.size() * width];
        for (int row = 0; row < rows.size(); row++) {
            String[] cells = rows.get(row).split(",");
            for (int column = 0; column < width; column++) {
                values[row * width + column] = Float.parseFloat(cells[column].strip());
            }
        }
        return new FeatureMatrix(values, rows.size(), names);
    }

    private static float[] labels(List<String> rows, int width) {
        float[] labels = new float[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            labels[row] = Float.parseFloat(rows.get(row).split(",")[width].strip());
        }
        return labels;
    }

    private static List<String> lines() {
        Path path = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), "breast_cancer.csv");
        try {
            return Files.readAllLines(path).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
