package dev.gyre.train.evaluate;

import dev.gyre.model.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well the probabilities of a binary classifier rank, fit and decide, computed the way scikit-learn does so the
 * numbers agree with what data scientists check them against:
 *
 * <ul>
 *   <li>{@code auc}: ROC AUC as the Mann–Whitney statistic (a tied positive/negative pair counts one half);
 *       {@code NaN} when only one class is present, with the reason in {@link #notes()}.
 *   <li>{@code pr_auc}: average precision, {@code Σ (Rₙ − Rₙ₋₁) Pₙ} over the distinct thresholds (scikit-learn's
 *       {@code average_precision_score}, no interpolation); {@code NaN} without positives.
 *   <li>{@code log_loss}: mean negative log-likelihood with probabilities clipped to [1e-15, 1 − 1e-15];
 *       {@code brier}: mean squared difference between probability and label.
 *   <li>{@code accuracy}, {@code precision}, {@code recall}, {@code f1}: predicting positive when the probability
 *       is at least {@code threshold}; a ratio with a zero denominator is 0 (scikit-learn's {@code
 *       zero_division=0}).
 *   <li>{@code ece}: expected calibration error over 10 equal-width bins [0, 0.1), …, [0.9, 1.0]: the
 *       row-weighted mean of |mean probability − positive rate| per non-empty bin.
 * </ul>
 *
 * Curves are kept for plotting: at most {@link #MAX_CURVE_POINTS} points each, evenly thinned from the distinct
 * thresholds (the end points are always kept), so a million-row evaluation still makes a small report.
 *
 * @param rows rows evaluated
 * @param positives rows labelled 1
 * @param threshold the decision threshold of the threshold metrics
 * @param confusion 2×2 counts, classes {@code "0"} and {@code "1"}
 * @param roc ROC curve from (0, 0) to (1, 1); empty when only one class is present
 * @param precisionRecall precision–recall curve, starting at recall 0 with precision 1; empty without positives
 * @param calibration the 10 calibration bins, empty ones included
 * @param notes why a metric is {@code NaN}, in words
 */
public record BinaryMetrics(
        int rows,
        long positives,
        double threshold,
        double auc,
        double prAuc,
        double logLoss,
        double brier,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double ece,
        ConfusionMatrix confusion,
        List<CurvePoint> roc,
        List<CurvePoint> precisionRecall,
        List<CalibrationBin> calibration,
        List<String> notes)
        implements TaskMetrics {

    /** Probabilities are clipped to [EPSILON, 1 − EPSILON] for the log loss, as scikit-learn did up to 1.2. */
    public static final double EPSILON = 1e-15;
    /** Most points kept per curve. */
    public static final int MAX_CURVE_POINTS = 1000;
    /** Equal-width bins of the calibration curve and the ECE. */
    public static final int CALIBRATION_BINS = 10;

    public BinaryMetrics {
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
        calibration = List.copyOf(calibration);
        notes = List.copyOf(notes);
    }

    /**
     * Metrics of {@code probabilities} (of class 1, each in [0, 1]) against {@code labels} (each 0 or 1), deciding
     * positive when the probability is at least {@code threshold}; {@code IllegalArgumentException} on empty or
     * mismatched input, labels other than 0/1 and probabilities outside [0, 1].
     */
    public static BinaryMetrics of(int[] labels, double[] probabilities, double threshold) {
        int n = labels.length;
        Checks.notEmpty(n);
        Checks.sameLength("probabilities", n, probabilities.length);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the decision threshold must be a finite number, not " + threshold);
        }
        long positives = 0;
        double logLoss = 0;
        double brier = 0;
        long[][] confusion = new long[2][2];
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("row " + i + ": binary label " + label + " is not 0 or 1");
            }
            double p = probabilities[i];
            Checks.probability(i, p);
            positives += label;
            logLoss += rowLogLoss(label, p);
            brier += (p - label) * (p - label);
            confusion[label][p >= threshold ? 1 : 0]++;
        }
        long negatives = n - positives;
        double tp = confusion[1][1];
        double precision = Checks.ratio(tp, tp + confusion[0][1]);
        double recall = Checks.ratio(tp, positives);
        List<String> notes = new ArrayList<>();
        if (positives == 0 || negatives == 0) {
            notes.add("auc is NaN: the evaluation set holds only class " + (positives == 0 ? 0 : 1)
                    + ", so no positive can be ranked against a negative");
        }
        if (positives == 0) {
            notes.add("pr_auc is NaN: the evaluation set holds no positive rows");
        }
        Ranking ranking = Ranking.of(labels, probabilities, positives, negatives);
        List<CalibrationBin> calibration = calibration(labels, probabilities);
        return new BinaryMetrics(
                n,
                positives,
                threshold,
                ranking.auc,
                ranking.averagePrecision,
                logLoss / n,
                brier / n,
                (confusion[0][0] + tp) / n,
                precision,
                recall,
                Checks.f1(precision, recall),
                expectedCalibrationError(calibration, n),
                ConfusionMatrix.of(List.of("0", "1"), confusion),
                ranking.roc,
                ranking.precisionRecall,
                calibration,
                notes);
    }

    /**
     * These metrics with the confusion matrix labelled by the data's own class names ({@code [negative, positive]}),
     * for reports; the numbers are unchanged.
     */
    public BinaryMetrics withClassNames(List<String> classNames) {
        if (classNames.size() != 2) {
            throw new IllegalArgumentException("a binary confusion matrix has 2 classes, not " + classNames.size());
        }
        return new BinaryMetrics(
                rows,
                positives,
                threshold,
                auc,
                prAuc,
                logLoss,
                brier,
                accuracy,
                precision,
                recall,
                f1,
                ece,
                new ConfusionMatrix(classNames, confusion.counts()),
                roc,
                precisionRecall,
                calibration,
                notes);
    }

    /** The log loss of one row: the probability given to its label, clipped as in {@link #EPSILON}. */
    public static double rowLogLoss(int label, double probability) {
        double ofLabel = label == 1 ? probability : 1 - probability;
        return -Math.log(Math.clamp(ofLabel, EPSILON, 1 - EPSILON));
    }

    @Override
    public Task task() {
        return Task.BINARY;
    }

    @Override
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("auc", auc);
        map.put("pr_auc", prAuc);
        map.put("log_loss", logLoss);
        map.put("brier", brier);
        map.put("accuracy", accuracy);
        map.put("precision", precision);
        map.put("recall", recall);
        map.put("f1", f1);
        map.put("ece", ece);
        return Collections.unmodifiableMap(map);
    }

    /** The bin of {@code p} among [0, 0.1), …, [0.9, 1.0], with edges {@code i / 10.0} exactly. */
    static int calibrationBin(double p) {
        int bin = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(p * CALIBRATION_BINS));
        if (bin > 0 && p < bin / (double) CALIBRATION_BINS) {
            bin--;
        } else if (bin < CALIBRATION_BINS - 1 && p >= (bin + 1) / (double) CALIBRATION_BINS) {
            bin++;
        }
        return bin;
    }

    private static List<CalibrationBin> calibration(int[] labels, double[] probabilities) {
        long[] counts = new long[CALIBRATION_BINS];
        double[] sumPredicted = new double[CALIBRATION_BINS];
        double[] sumPositive = new double[CALIBRATION_BINS];
        for (int i = 0; i < labels.length; i++) {
            int bin = calibrationBin(probabilities[i]);
            counts[bin]++;
            sumPredicted[bin] += probabilities[i];
            sumPositive[bin] += labels[i];
        }
        List<CalibrationBin> bins = new ArrayList<>(CALIBRATION_BINS);
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            bins.add(new CalibrationBin(
                    b / (double) CALIBRATION_BINS,
                    (b + 1) / (double) CALIBRATION_BINS,
                    counts[b],
                    counts[b] == 0 ? Double.NaN : sumPredicted[b] / counts[b],
                    counts[b] == 0 ? Double.NaN : sumPositive[b] / counts[b]));
        }
        return bins;
    }

    private static double expectedCalibrationError(List<CalibrationBin> bins, int rows) {
        double ece = 0;
        for (CalibrationBin bin : bins) {
            if (bin.count() > 0) {
                ece += bin.count() * Math.abs(bin.meanPredicted() - bin.observedRate()) / rows;
            }
        }
        return ece;
    }

    /**
     * AUC, average precision and both curves from one walk over the distinct probabilities in decreasing order.
     * Sorting primitive copies (all probabilities, and those of the positives) avoids boxing a million indexes.
     */
    private record Ranking(
            double auc, double averagePrecision, List<CurvePoint> roc, List<CurvePoint> precisionRecall) {

        static Ranking of(int[] labels, double[] probabilities, long positives, long negatives) {
            double[] all = probabilities.clone();
            double[] positive = new double[(int) positives];
            for (int i = 0, j = 0; i < labels.length; i++) {
                if (labels[i] == 1) {
                    positive[j++] = probabilities[i];
                }
            }
            Arrays.sort(all);
            Arrays.sort(positive);
            List<CurvePoint> roc = new ArrayList<>();
            List<CurvePoint> pr = new ArrayList<>();
            roc.add(new CurvePoint(0, 0, Double.POSITIVE_INFINITY));
            pr.add(new CurvePoint(0, 1, Double.POSITIVE_INFINITY));
            double pairs = 0;
            double averagePrecision = 0;
            long tp = 0;
            long fp = 0;
            int a = all.length - 1;
            int q = positive.length - 1;
            while (a >= 0) {
                double value = all[a];
                long group = 0;
                while (a >= 0 && all[a] == value) {
                    group++;
                    a--;
                }
                long groupPositives = 0;
                while (q >= 0 && positive[q] == value) {
                    groupPositives++;
                    q--;
                }
                long groupNegatives = group - groupPositives;
                pairs += groupNegatives * (tp + groupPositives / 2.0);
                double recallBefore = positives == 0 ? 0 : (double) tp / positives;
                tp += groupPositives;
                fp += groupNegatives;
                double precision = (double) tp / (tp + fp);
                if (positives > 0) {
                    double recall = (double) tp / positives;
                    averagePrecision += (recall - recallBefore) * precision;
                    pr.add(new CurvePoint(recall, precision, value));
                }
                if (positives > 0 && negatives > 0) {
                    roc.add(new CurvePoint((double) fp / negatives, (double) tp / positives, value));
                }
            }
            boolean bothClasses = positives > 0 && negatives > 0;
            return new Ranking(
                    bothClasses ? pairs / ((double) positives * negatives) : Double.NaN,
                    positives > 0 ? averagePrecision : Double.NaN,
                    bothClasses ? thin(roc) : List.of(),
                    positives > 0 ? thin(pr) : List.of());
        }

        private static List<CurvePoint> thin(List<CurvePoint> points) {
            if (points.size() <= MAX_CURVE_POINTS) {
                return points;
            }
            List<CurvePoint> kept = new ArrayList<>(MAX_CURVE_POINTS);
            double step = (points.size() - 1) / (double) (MAX_CURVE_POINTS - 1);
            for (int k = 0; k < MAX_CURVE_POINTS; k++) {
                kept.add(points.get((int) Math.round(k * step)));
            }
            return kept;
        }
    }
}
