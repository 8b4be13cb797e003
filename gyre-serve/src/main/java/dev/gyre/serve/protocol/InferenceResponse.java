package dev.gyre.serve.protocol;

import dev.gyre.serve.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An inference response before it is written in a wire format: which model answered, the request id it answers and
 * the output tensors.
 *
 * @param modelName the model that scored the request
 * @param modelVersion its version; {@code null} to leave it out
 * @param id the request's id; {@code null} when the request had none
 * @param outputs the output tensors
 * @param parameters the response's protocol parameters, in insertion order; empty when none
 */
public record InferenceResponse(
        String modelName, String modelVersion, String id, List<Tensor> outputs, Map<String, Object> parameters) {

    public InferenceResponse {
        Objects.requireNonNull(modelName, "modelName");
        outputs = List.copyOf(outputs);
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
