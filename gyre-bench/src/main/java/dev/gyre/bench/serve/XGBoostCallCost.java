package dev.gyre.bench.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * What one call into XGBoost4J's thread-safe {@code inplace_predict} costs for 1, 16 and 64 rows on one thread
 * ({@code nthread=1}, as the prediction server calls it): the fixed per-call part decides how much dynamic batching
 * must amortise. Rows are made-up values over the model's features; each size gets 2,000 unmeasured calls, then
 * 5,000 timed ones.
 *
 * <p>Usage: {@code XGBoostCallCost MODEL_FILE} (e.g. the {@code model.ubj} bench/serve.sh writes). Prints RESULT lines.
 */
public final class XGBoostCallCost {

    private XGBoostCallCost() {}

    public static void main(String[] args) throws Exception {
        Booster booster = XGBoost.loadModel(Files.readAllBytes(Path.of(args[0])));
        try {
            booster.setParam("nthread", 1);
            int features = Math.toIntExact(booster.getNumFeature());
            for (int rows : new int[] {1, 16, 64}) {
                float[] values = new float[rows * features];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (i * 7919 % 100) / 10f;
                }
                for (int i = 0; i < 2_000; i++) {
                    booster.inplace_predict(values, rows, features, Float.NaN);
                }
                int calls = 5_000;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    booster.inplace_predict(values, rows, features, Float.NaN);
                }
                double micros = (System.nanoTime() - start) / 1e3 / calls;
                System.out.printf(
                        java.util.Locale.ROOT,
                        "RESULT bench=xgboost_call_cost rows=%d calls=%d us_per_call=%.1f us_per_row=%.2f%n",
                        rows,
                        calls,
                        micros,
                        micros / rows);
            }
        } finally {
            booster.dispose();
        }
    }
}
