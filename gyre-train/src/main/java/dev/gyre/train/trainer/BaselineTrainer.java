package dev.gyre.train.trainer;

import dev.gyre.model.Task;
import dev.gyre.model.runtime.BaselinePredictor;
import java.util.List;
import java.util.Map;

/**
 * The trivial model trained beside every other: the (weighted) class shares of the training labels for
 * classification, their (weighted) mean for regression. See {@link BaselinePredictor} for what its metrics mean
 * (AUC 0.5, log loss = entropy of the prior). It has one "iteration", 0, whose metrics carry XGBoost's names
 * ({@code logloss}, {@code auc}, {@code mlogloss}, {@code rmse}) so they line up with the other trainers'. Rounds,
 * seed, threads and params do not apply and are ignored.
 */
public final class BaselineTrainer implements Trainer {

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public TrainedModel train(TrainingData data, TrainerSettings settings) {
        ResourceMeter meter = ResourceMeter.start();
        BaselinePredictor predictor = fit(data);
        double[] constant = predictor.constant();
        Map<String, Double> train = ConstantMetrics.of(data.task(), constant, data.trainLabels(), data.trainWeights());
        Map<String, Double> validation = data.hasValidation()
                ? ConstantMetrics.of(data.task(), constant, data.validationLabels(), null)
                : Map.of();
        Map<String, String> params = Map.of("strategy", data.task().classification() ? "class_prior" : "mean");
        return new TrainedModel(
                name(), predictor, params, List.of(new IterationMetrics(0, train, validation)), 0, meter.stop());
    }

    private static BaselinePredictor fit(TrainingData data) {
        float[] labels = data.trainLabels();
        float[] weights = data.trainWeights();
        int width = data.train().width();
        if (data.task() == Task.REGRESSION) {
            double sum = 0;
            double total = 0;
            for (int row = 0; row < labels.length; row++) {
                double weight = weights == null ? 1 : weights[row];
                sum += weight * labels[row];
                total += weight;
            }
            return BaselinePredictor.ofMean(width, sum / total);
        }
        double[] shares = new double[data.classCount()];
        double total = 0;
        for (int row = 0; row < labels.length; row++) {
            double weight = weights == null ? 1 : weights[row];
            shares[(int) labels[row]] += weight;
            total += weight;
        }
        for (int k = 0; k < shares.length; k++) {
            shares[k] /= total;
        }
        return BaselinePredictor.ofClassShares(data.task(), width, shares);
    }
}
