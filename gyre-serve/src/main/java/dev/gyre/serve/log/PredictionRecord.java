package dev.gyre.serve.log;

import dev.gyre.serve.tensor.Tensor;
import java.util.List;

/**
 * One answered request as the monitoring stage will see it: which model and version answered, on which deployment
 * arm, what came in, what went out and how long it took.
 *
 * @param requestId the server's request id (the {@code X-Request-Id} the client sent or one it was given)
 * @param epochMillis when the request was answered
 * @param model the served model name
 * @param version the version that scored it
 * @param arm the deployment arm ({@code stable}, later {@code canary} or {@code shadow})
 * @param inputs the validated input tensors
 * @param outputs the output tensors
 * @param latencyNanos from the request's arrival to its answer
 */
public record PredictionRecord(
        String requestId,
        long epochMillis,
        String model,
        String version,
        String arm,
        List<Tensor> inputs,
        List<Tensor> outputs,
        long latencyNanos) {}
