package dev.gyre.train.trainer;

import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Test-only readers for the shared data sets, split deterministically into training and validation (every fifth
 * row validates, so sorted files like iris keep every class in both parts).
 */
final class Datasets {

    private Datasets() {}

    /** breast_cancer.csv: line 1 is {@code n_samples,n_features,<class names>}, the last column the class. */
    static TrainingData breastCancer() {
        return classes("breast_cancer.csv", Task.BINARY, 2);
    }

    /** iris.csv, same layout as breast cancer, three classes sorted by class. */
    static TrainingData iris() {
        return classes("iris.csv", Task.MULTICLASS, 3);
    }

    /** ggplot2_diamonds.csv: price from the numeric columns plus cut, color and clarity mapped to their order. */
    static TrainingData diamonds(int maxRows) {
        Map<String, Integer> cut = ordinal("Fair", "Good", "Very Good", "Premium", "Ideal");
        Map<String, Integer> color = ordinal("J", "I", "H", "G", "F", "E", "D");
        Map<String, Integer> clarity = ordinal("I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF");
        List<String> lines = lines("ggplot2_diamonds.csv");
        List<String> names = List.of("carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z");
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (String line : lines.subList(1, Math.min(lines.size(), maxRows + 1))) {
            String[] c = line.replace("\"", "").split(",");
            rows.add(new float[] {
                f(c[0]), cut.get(c[1]), color.get(c[2]), clarity.get(c[3]), f(c[4]), f(c[5]), f(c[7]), f(c[8]), f(c[9])
            });
            labels.add(f(c[6]));
        }
        return split(rows, labels, names, Task.REGRESSION, 0);
    }

    private static TrainingData classes(String file, Task task, int classCount) {
        List<String> lines = lines(file);
        int width = Integer.parseInt(lines.getFirst().split(",")[1].strip());
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            float[] row = new float[width];
            for (int column = 0; column < width; column++) {
                row[column] = f(cells[column]);
            }
            rows.add(row);
            labels.add(f(cells[width]));
        }
        List<String> names = IntStream.range(0, width).mapToObj(i -> "f" + i).toList();
        return split(rows, labels, names, task, classCount);
    }

    private static TrainingData split(
            List<float[]> rows, List<Float> labels, List<String> names, Task task, int classCount) {
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            (row % 5 == 4 ? validation : train).add(row);
        }
        return TrainingData.of(task, classCount, matrix(rows, train, names), labels(labels, train))
                .withValidation(matrix(rows, validation, names), labels(labels, validation));
    }

    static FeatureMatrix matrix(List<float[]> rows, List<Integer> picked, List<String> names) {
        float[] values = new float[picked.size() * names.size()];
        for (int i = 0; i < picked.size(); i++) {
            System.arraycopy(rows.get(picked.get(i)), 0, values, i * names.size(), names.size());
        }
        return new FeatureMatrix(values, picked.size(), names);
    }

    private static float[] labels(List<Float> labels, List<Integer> picked) {
        float[] values = new float[picked.size()];
        for (int i = 0; i < picked.size(); i++) {
            values[i] = labels.get(picked.get(i));
        }
        return values;
    }

    private static Map<String, Integer> ordinal(String... levels) {
        Map<String, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < levels.length; i++) {
            map.put(levels[i], i);
        }
        return map;
    }

    private static float f(String text) {
        return Float.parseFloat(text.strip());
    }

    private static List<String> lines(String file) {
        Path path = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), file);
        try {
            return Files.readAllLines(path).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
