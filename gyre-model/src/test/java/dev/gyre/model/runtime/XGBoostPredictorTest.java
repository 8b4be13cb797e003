package dev.gyre.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class XGBoostPredictorTest {

    private static XGBoostPredictor train(SharedData data, Map<String, Object> params, Task task, String booster)
            throws Exception {
        DMatrix matrix = new DMatrix(
                data.features().values(),
                data.features().rows(),
                data.features().width(),
                Float.NaN);
        try {
            matrix.setLabel(data.labels());
            Map<String, Object> all = new HashMap<>(params);
            all.put("nthread", 1);
            all.put("seed", 7);
            all.put("booster", booster);
            return XGBoostPredictor.adopt(XGBoost.train(matrix, all, 10, Map.of(), null, null), task, booster);
        } finally {
            matrix.dispose();
        }
    }

    @Test
    void binaryModelReloadedFromItsBytesScoresIdentically() throws Exception {
        SharedData data = SharedData.read("breast_cancer.csv");
        try (XGBoostPredictor trained = train(data, Map.of("objective", "binary:logistic"), Task.BINARY, "gbtree");
                Predictor loaded = Predictors.load("xgboost", trained.serialize(), Task.BINARY)) {
            Scores scores = trained.predict(data.features());

            assertThat(loaded.predict(data.features())).isEqualTo(scores);
            assertThat(loaded.serialize()).isEqualTo(trained.serialize());
            assertThat(loaded.featureCount()).isEqualTo(30);
            assertThat(loaded.classCount()).isEqualTo(2);
            assertThat(trained.format()).isEqualTo("ubj");
            assertThat(scores.width()).isEqualTo(1);
            int correct = 0;
            for (int row = 0; row < scores.rows(); row++) {
                correct += scores.predictedClass(row) == data.labels()[row] ? 1 : 0;
            }
            assertThat((double) correct / scores.rows()).as("training accuracy").isGreaterThan(0.95);
        }
    }

    @Test
    void multiclassModelAnswersClassProbabilitiesSummingToOne() throws Exception {
        SharedData data = SharedData.read("iris.csv");
        try (XGBoostPredictor predictor =
                train(data, Map.of("objective", "multi:softprob", "num_class", 3), Task.MULTICLASS, "gbtree")) {
            Scores scores = predictor.predict(data.features());

            assertThat(predictor.classCount()).isEqualTo(3);
            assertThat(scores.width()).isEqualTo(3);
            for (int row = 0; row < scores.rows(); row++) {
                double sum = 0;
                for (double p : scores.classProbabilities(row)) {
                    sum += p;
                }
                assertThat(sum).isCloseTo(1.0, within(1e-5));
            }
            assertThat(scores.predictedClass(0)).isZero();
            assertThat(scores.predictedClass(149)).isEqualTo(2);
        }
    }

    @Test
    void modelLoadedForAnotherTaskIsRefused() throws Exception {
        SharedData data = SharedData.read("breast_cancer.csv");
        try (XGBoostPredictor predictor = train(data, Map.of("objective", "binary:logistic"), Task.BINARY, "gbtree")) {
            byte[] bytes = predictor.serialize();

            assertThatThrownBy(() -> XGBoostPredictor.load(bytes, Task.REGRESSION))
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("trained for a binary task, not regression");
            assertThatThrownBy(() -> XGBoostPredictor.load(bytes, Task.MULTICLASS))
                    .isInstanceOf(GyreException.class);
        }
    }

    @Test
    void matrixOfAnotherWidthIsRejectedRatherThanSilentlyScored() throws Exception {
        SharedData data = SharedData.read("iris.csv");
        try (XGBoostPredictor predictor =
                train(data, Map.of("objective", "multi:softprob", "num_class", 3), Task.MULTICLASS, "gbtree")) {
            FeatureMatrix narrow = new FeatureMatrix(new float[] {1, 2, 3}, 1, List.of("a", "b", "c"));

            assertThatThrownBy(() -> predictor.predict(narrow))
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("expects 4 features, the matrix has 3");
        }
    }

    @Test
    void emptyMatrixGivesEmptyScoresAndClosedPredictorRefusesToPredict() throws Exception {
        SharedData data = SharedData.read("breast_cancer.csv");
        XGBoostPredictor predictor = train(data, Map.of("objective", "binary:logistic"), Task.BINARY, "gbtree");
        FeatureMatrix empty = new FeatureMatrix(new float[0], 0, data.features().names());

        assertThat(predictor.predict(empty).rows()).isZero();
        predictor.close();
        predictor.close();
        assertThatThrownBy(() -> predictor.predict(data.features())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentPredictionsAgreeWithASequentialOne() throws Exception {
        SharedData data = SharedData.read("breast_cancer.csv");
        for (String booster : List.of("gbtree", "gblinear")) {
            try (XGBoostPredictor predictor =
                    train(data, Map.of("objective", "binary:logistic"), Task.BINARY, booster)) {
                Scores expected = predictor.predict(data.features());
                assertThat(predictor.concurrentPredictions()).isEqualTo(booster.equals("gbtree"));
                try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                    List<Future<Scores>> futures = new ArrayList<>();
                    for (int i = 0; i < 32; i++) {
                        futures.add(pool.submit(() -> predictor.predict(data.features())));
                    }
                    for (Future<Scores> future : futures) {
                        assertThat(future.get()).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void foreignModelWithoutGyreAttributesLoadsAndPredictsOneCallAtATime() throws Exception {
        SharedData data = SharedData.read("breast_cancer.csv");
        DMatrix matrix = new DMatrix(data.features().values(), data.features().rows(), 30, Float.NaN);
        byte[] bytes;
        try {
            matrix.setLabel(data.labels());
            Booster booster = XGBoost.train(
                    matrix,
                    new HashMap<>(Map.of("objective", "binary:logistic", "nthread", 1)),
                    3,
                    Map.of(),
                    null,
                    null);
            try {
                bytes = booster.toByteArray("ubj");
            } finally {
                booster.dispose();
            }
        } finally {
            matrix.dispose();
        }
        try (XGBoostPredictor predictor = XGBoostPredictor.load(bytes, Task.BINARY)) {
            assertThat(predictor.concurrentPredictions()).isFalse();
            assertThat(predictor.predict(data.features()).rows()).isEqualTo(569);
        }
    }
}
