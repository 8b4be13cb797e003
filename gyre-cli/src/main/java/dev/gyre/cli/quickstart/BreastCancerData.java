package dev.gyre.cli.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Wisconsin diagnostic breast-cancer dataset as scikit-learn ships it (569 rows, 30 features, classes
 * 0 = malignant, 1 = benign), read from the jar ({@code /samples/breast_cancer.csv}) so that the quickstart needs
 * nothing else. Line 1 of the file is {@code n_samples,n_features,<class names>}, not a header.
 */
public final class BreastCancerData {

    /** Where the file is on the classpath. */
    public static final String RESOURCE = "/samples/breast_cancer.csv";

    /** Where the file came from, for the dataset's {@code source}. */
    public static final String ORIGIN = "Debian python3-sklearn 1.2.1, sklearn/datasets/data/breast_cancer.csv";

    /** scikit-learn's names for the 30 columns, in file order. */
    public static final List<String> FEATURE_NAMES = List.of(
            "mean radius",
            "mean texture",
            "mean perimeter",
            "mean area",
            "mean smoothness",
            "mean compactness",
            "mean concavity",
            "mean concave points",
            "mean symmetry",
            "mean fractal dimension",
            "radius error",
            "texture error",
            "perimeter error",
            "area error",
            "smoothness error",
            "compactness error",
            "concavity error",
            "concave points error",
            "symmetry error",
            "fractal dimension error",
            "worst radius",
            "worst texture",
            "worst perimeter",
            "worst area",
            "worst smoothness",
            "worst compactness",
            "worst concavity",
            "worst concave points",
            "worst symmetry",
            "worst fractal dimension");

    private final byte[] raw;

    private BreastCancerData(byte[] raw) {
        this.raw = raw;
    }

    /** Reads the file from the classpath. */
    public static BreastCancerData load() {
        try (InputStream in = BreastCancerData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new BreastCancerData(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** SHA-256 of the file's bytes, in lower-case hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Parses the rows, checking them against the counts on line 1. */
    public LabeledData parse() {
        List<String> lines = new String(raw, StandardCharsets.US_ASCII)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        String[] head = lines.getFirst().split(",");
        int samples = Integer.parseInt(head[0].strip());
        int featureCount = Integer.parseInt(head[1].strip());
        List<String> classNames =
                Arrays.stream(head, 2, head.length).map(String::strip).toList();
        if (featureCount != FEATURE_NAMES.size() || lines.size() - 1 != samples) {
            throw new IllegalStateException(RESOURCE + ": expected " + FEATURE_NAMES.size() + " features, got "
                    + featureCount + "; line 1 says " + samples + " rows, found " + (lines.size() - 1));
        }
        double[][] features = new double[samples][featureCount];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            String[] cells = lines.get(i + 1).split(",");
            if (cells.length != featureCount + 1) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 2) + ": expected " + (featureCount + 1)
                        + " values, got " + cells.length);
            }
            for (int j = 0; j < featureCount; j++) {
                features[i][j] = Double.parseDouble(cells[j]);
            }
            labels[i] = Integer.parseInt(cells[featureCount].strip());
        }
        return new LabeledData("breast_cancer", FEATURE_NAMES, classNames, features, labels);
    }
}
