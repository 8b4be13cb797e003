package dev.gyre.bench.train;

import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.train.trainer.TrainingData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric CSV file written by {@link TrainSetup} ({@code label,split,<features>}), split into its training and
 * test rows as {@link FeatureMatrix FeatureMatrices} with 0/1 labels.
 *
 * @param name the file name, for {@code RESULT} lines
 * @param train the training rows ({@code split} = 0)
 * @param trainLabels their labels
 * @param test the test rows ({@code split} = 1)
 * @param testLabels their labels
 * @param checksum the sum of every feature value that is not {@code NaN}, as doubles, in file order: both sides
 *     print it so that a run shows they read the same numbers
 * @param missing the number of {@code NaN} feature values
 */
record NumericCsv(
        String name,
        FeatureMatrix train,
        float[] trainLabels,
        FeatureMatrix test,
        float[] testLabels,
        double checksum,
        long missing) {

    static NumericCsv read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split(",", -1);
            if (header.length < 3 || !header[0].equals("label") || !header[1].equals("split")) {
                throw new IOException(file + " is not a TrainSetup file (header label,split,...)");
            }
            int width = header.length - 2;
            List<String> names = Arrays.asList(header).subList(2, header.length);
            FloatList train = new FloatList();
            FloatList test = new FloatList();
            FloatList trainLabels = new FloatList();
            FloatList testLabels = new FloatList();
            double checksum = 0;
            long missing = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String[] fields = line.split(",", -1);
                if (fields.length != header.length) {
                    throw new IOException(file + ": a row has " + fields.length + " fields, not " + header.length);
                }
                boolean isTest = fields[1].equals("1");
                (isTest ? testLabels : trainLabels).add(Float.parseFloat(fields[0]));
                FloatList target = isTest ? test : train;
                for (int i = 2; i < fields.length; i++) {
                    float value = Float.parseFloat(fields[i]);
                    target.add(value);
                    if (Float.isNaN(value)) {
                        missing++;
                    } else {
                        checksum += value;
                    }
                }
            }
            String name = file.getFileName().toString();
            return new NumericCsv(
                    name,
                    new FeatureMatrix(train.toArray(), trainLabels.size(), names),
                    trainLabels.toArray(),
                    new FeatureMatrix(test.toArray(), testLabels.size(), names),
                    testLabels.toArray(),
                    checksum,
                    missing);
        }
    }

    int width() {
        return train.width();
    }

    /** The training rows as binary training data, without validation set. */
    TrainingData trainingData() {
        return TrainingData.of(Task.BINARY, 2, train, trainLabels);
    }

    /** The test labels as class indexes. */
    int[] testClasses() {
        int[] classes = new int[testLabels.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) testLabels[i];
        }
        return classes;
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
