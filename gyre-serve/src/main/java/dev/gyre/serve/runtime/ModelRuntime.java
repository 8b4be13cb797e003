package dev.gyre.serve.runtime;

import dev.gyre.serve.tensor.Tensor;
import java.util.List;

/**
 * A model loaded for serving, whatever made it: the seam between the protocols (which validate requests against
 * {@link #metadata()}) and the libraries that score (a Gyre package's pipeline and booster, a bare XGBoost model,
 * ONNX Runtime).
 *
 * <p>Thread safety: {@link #infer} may be called from many threads at once. {@link #close()} frees native memory; the
 * serving repository calls it only once no request holds the model any more.
 */
public interface ModelRuntime extends AutoCloseable {

    /** What the model takes and gives. */
    ModelMetadata metadata();

    /**
     * Scores a batch. {@code inputs} have already been validated against {@link #metadata()} by {@link
     * InputValidator}: one tensor per declared input, in declaration order, of the declared datatype, all with the
     * same number of rows. Answers one tensor per declared output, in declaration order, with as many rows.
     */
    List<Tensor> infer(List<Tensor> inputs);

    /** Frees the model's native memory; idempotent. */
    @Override
    void close();
}
