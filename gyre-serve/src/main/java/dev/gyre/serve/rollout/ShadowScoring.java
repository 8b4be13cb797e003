package dev.gyre.serve.rollout;

import dev.gyre.core.error.GyreException;
import dev.gyre.serve.runtime.InputValidator;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Scores copies of stable's requests with a shadow candidate on virtual threads, after the response is decided, and
 * records agreement and the candidate's latency. At most a few copies run at once (twice the cores); beyond that copies
 * are dropped and counted, so a slow candidate cannot slow the real traffic down.
 *
 * <p>Two answers agree when their {@code label} outputs are equal (classification) or, without labels, when the
 * first numeric outputs are within 1% (relative, or 1e-6 absolute) row by row.
 */
public final class ShadowScoring {

    private final Semaphore permits = new Semaphore(2 * Runtime.getRuntime().availableProcessors());

    /** Hands a copy to the candidate without waiting; {@code stableOutputs} is what stable answered. */
    public void submit(Rollout rollout, List<Tensor> rawInputs, List<Tensor> stableOutputs) {
        if (!permits.tryAcquire()) {
            rollout.shadowDropped(1);
            return;
        }
        long start = System.nanoTime();
        Thread.ofVirtual().name("gyre-shadow").start(() -> {
            try {
                score(rollout, rawInputs, stableOutputs, start);
            } finally {
                permits.release();
            }
        });
    }

    private static void score(Rollout rollout, List<Tensor> rawInputs, List<Tensor> stableOutputs, long start) {
        if (!rollout.candidate().tryAcquire()) {
            return; // the rollout ended meanwhile
        }
        try {
            List<Tensor> inputs = InputValidator.validate(rollout.candidate().metadata(), rawInputs);
            List<Tensor> outputs = rollout.candidate().batcher().infer(inputs, start);
            rollout.candidateStats().succeeded(System.nanoTime() - start, primaryValue(outputs));
            rollout.shadowResult(agree(stableOutputs, outputs));
        } catch (GyreException | IllegalStateException e) {
            rollout.candidateStats().failed(System.nanoTime() - start);
            rollout.shadowResult(false);
        } finally {
            rollout.candidate().release();
        }
    }

    /** The mean of the first numeric output over the rows, NaN when there is none; what the analysis compares. */
    public static double primaryValue(List<Tensor> outputs) {
        for (Tensor output : outputs) {
            if (output.datatype().numeric() && output.data().length() > 0) {
                int rows = output.rows();
                int width = Math.max(output.rowWidth(), 1);
                double sum = 0;
                for (int row = 0; row < rows; row++) {
                    sum += output.data().doubleAt(row * width);
                }
                return sum / rows;
            }
        }
        return Double.NaN;
    }

    static boolean agree(List<Tensor> stable, List<Tensor> candidate) {
        Tensor stableLabel = find(stable, "label");
        Tensor candidateLabel = find(candidate, "label");
        if (stableLabel != null && candidateLabel != null && stableLabel.datatype() == Datatype.BYTES) {
            return Arrays.equals(
                    ((TensorData.Texts) stableLabel.data()).values(),
                    ((TensorData.Texts) candidateLabel.data()).values());
        }
        Tensor a = firstNumeric(stable);
        Tensor b = firstNumeric(candidate);
        if (a == null || b == null || a.data().length() != b.data().length()) {
            return false;
        }
        for (int i = 0; i < a.data().length(); i++) {
            double x = a.data().doubleAt(i);
            double y = b.data().doubleAt(i);
            if (Math.abs(x - y) > Math.max(1e-6, 0.01 * Math.max(Math.abs(x), Math.abs(y)))) {
                return false;
            }
        }
        return true;
    }

    private static Tensor find(List<Tensor> outputs, String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    private static Tensor firstNumeric(List<Tensor> outputs) {
        return outputs.stream().filter(t -> t.datatype().numeric()).findFirst().orElse(null);
    }
}
