package dev.gyre.model.runtime;

import dev.gyre.model.features.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Test-only reader for the shared scikit-learn style CSVs ({@code breast_cancer.csv}, {@code iris.csv}): line 1 is
 * {@code n_samples,n_features,<class names>}, not a header; every later line is the features then the integer class.
 * gyre-model does not depend on gyre-data, hence this small loader.
 */
record SharedData(FeatureMatrix features, float[] labels) {

    static SharedData read(String file) {
        Path path = Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), file);
        try {
            List<String> lines = Files.readAllLines(path);
            int width = Integer.parseInt(lines.getFirst().split(",")[1].strip());
            List<String> rows = lines.subList(1, lines.size()).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
            float[] values = new float[rows.size() * width];
            float[] labels = new float[rows.size()];
            for (int row = 0; row < rows.size(); row++) {
                String[] cells = rows.get(row).split(",");
                for (int column = 0; column < width; column++) {
                    values[row * width + column] = Float.parseFloat(cells[column]);
                }
                labels[row] = Float.parseFloat(cells[width]);
            }
            List<String> names =
                    IntStream.range(0, width).mapToObj(i -> "f" + i).toList();
            return new SharedData(new FeatureMatrix(values, rows.size(), names), labels);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** The rows whose index modulo {@code folds} is ({@code holdout} ? equal : not equal) to {@code fold}. */
    SharedData fold(int folds, int fold, boolean holdout) {
        List<Integer> picked = new ArrayList<>();
        for (int row = 0; row < labels.length; row++) {
            if ((row % folds == fold) == holdout) {
                picked.add(row);
            }
        }
        int width = features.width();
        float[] values = new float[picked.size() * width];
        float[] pickedLabels = new float[picked.size()];
        for (int i = 0; i < picked.size(); i++) {
            System.arraycopy(features.values(), picked.get(i) * width, values, i * width, width);
            pickedLabels[i] = labels[picked.get(i)];
        }
        return new SharedData(new FeatureMatrix(values, picked.size(), features.names()), pickedLabels);
    }
}
