package dev.gyre.cli.quickstart;

/**
 * Binary logistic regression trained by full-batch gradient descent with an L2 penalty — small enough to read in
 * one sitting, and a real model on standardised features.
 *
 * <p>Model: {@code p(y=1|x) = sigmoid(w·x + b)}. Loss per epoch: mean binary cross-entropy over the training rows
 * plus {@code l2/2 · |w|²} (the bias is not penalised). Update per epoch: {@code w -= learningRate · (Xᵀ(p − y)/n
 * + l2·w)}, {@code b -= learningRate · mean(p − y)}. Weights start at zero, so training is deterministic. The
 * reported log-losses are plain cross-entropy, without the penalty, so runs with different {@code l2} compare.
 */
public final class LogisticRegression {

    /**
     * The hyper-parameters of one training run.
     *
     * @param learningRate step size of each gradient-descent update
     * @param l2 strength of the L2 penalty on the weights
     * @param epochs number of full passes (one update each)
     */
    public record Hyperparameters(double learningRate, double l2, int epochs) {
        public Hyperparameters {
            if (learningRate <= 0 || l2 < 0 || epochs <= 0) {
                throw new IllegalArgumentException("need learningRate > 0, l2 >= 0, epochs > 0");
            }
        }
    }

    /** What one epoch achieved, measured after its update. */
    public record EpochMetrics(
            int epoch,
            double trainLogLoss,
            double validationLogLoss,
            double validationAccuracy,
            double validationAuc) {}

    /** Receives the metrics of each epoch as training goes. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochMetrics metrics);
    }

    /** A trained model: weights over standardised features, and a bias. */
    public record Model(double[] weights, double bias) {

        public double probability(double[] x) {
            double z = bias;
            for (int j = 0; j < weights.length; j++) {
                z += weights[j] * x[j];
            }
            return sigmoid(z);
        }

        public double[] probabilities(double[][] rows) {
            double[] p = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                p[i] = probability(rows[i]);
            }
            return p;
        }
    }

    private LogisticRegression() {}

    /** Trains on {@code (x, y)}, reporting each epoch's metrics on the training and validation rows. */
    public static Model train(
            double[][] x,
            int[] y,
            double[][] xValidation,
            int[] yValidation,
            Hyperparameters hyper,
            EpochListener listener) {
        int n = x.length;
        int d = x[0].length;
        double[] w = new double[d];
        double b = 0;
        for (int epoch = 1; epoch <= hyper.epochs(); epoch++) {
            Model current = new Model(w, b);
            double[] gradient = new double[d];
            double biasGradient = 0;
            for (int i = 0; i < n; i++) {
                double error = current.probability(x[i]) - y[i];
                for (int j = 0; j < d; j++) {
                    gradient[j] += error * x[i][j];
                }
                biasGradient += error;
            }
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                next[j] = w[j] - hyper.learningRate() * (gradient[j] / n + hyper.l2() * w[j]);
            }
            b -= hyper.learningRate() * biasGradient / n;
            w = next;

            Model updated = new Model(w, b);
            double[] pTrain = updated.probabilities(x);
            double[] pValidation = updated.probabilities(xValidation);
            listener.onEpoch(new EpochMetrics(
                    epoch,
                    ClassificationMetrics.logLoss(y, pTrain),
                    ClassificationMetrics.logLoss(yValidation, pValidation),
                    ClassificationMetrics.accuracy(yValidation, pValidation),
                    ClassificationMetrics.rocAuc(yValidation, pValidation)));
        }
        return new Model(w, b);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
