package dev.gyre.serve.protocol;

import dev.gyre.serve.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inference request as the protocols hand it to the serving stage, whatever the wire format: the input tensors
 * (not yet checked against the model, which {@code InputValidator} does), the outputs asked for and the request's
 * parameters.
 *
 * @param id the client's request id, echoed in the response; {@code null} when none was given
 * @param inputs the input tensors, in request order
 * @param requestedOutputs the names of the outputs to return; empty for all of them
 * @param parameters the request's protocol parameters, in document order; empty when none
 */
public record InferenceRequest(
        String id, List<Tensor> inputs, List<String> requestedOutputs, Map<String, Object> parameters) {

    public InferenceRequest {
        inputs = List.copyOf(inputs);
        requestedOutputs = requestedOutputs == null ? List.of() : List.copyOf(requestedOutputs);
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
