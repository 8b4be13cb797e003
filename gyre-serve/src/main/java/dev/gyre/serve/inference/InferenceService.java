package dev.gyre.serve.inference;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.log.PredictionLog;
import dev.gyre.serve.log.PredictionRecord;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.protocol.InferenceResponse;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.repository.ServedVersion;
import dev.gyre.serve.rollout.Rollout;
import dev.gyre.serve.rollout.RolloutMode;
import dev.gyre.serve.rollout.ShadowScoring;
import dev.gyre.serve.runtime.InputValidator;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every protocol does with a request, in one place so that REST, gRPC and MLflow scoring cannot drift apart:
 * find the model (and version, when asked), take a lease on it, validate the inputs against its metadata, check the
 * requested outputs, score through its batcher, keep the requested outputs, tell the observer and the prediction log.
 */
public final class InferenceService {

    private final ModelRepository models;
    private final InferenceObserver observer;
    private final PredictionLog predictions;
    private final int maxRows;
    private final ShadowScoring shadows = new ShadowScoring();

    public InferenceService(
            ModelRepository models, InferenceObserver observer, PredictionLog predictions, int maxRows) {
        this.models = Objects.requireNonNull(models, "models");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.predictions = Objects.requireNonNull(predictions, "predictions");
        if (maxRows < 1) {
            throw new IllegalArgumentException("the row limit must be at least 1, not " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /** Whether every model has a version loaded and warmed up. */
    public boolean ready() {
        return models.models().stream().allMatch(model -> model.current() != null);
    }

    /** The served models. */
    public List<ServedModel> models() {
        return List.copyOf(models.models());
    }

    /** The model served under {@code name}; {@code RESOURCE_DOES_NOT_EXIST} (404) naming the served ones otherwise. */
    public ServedModel model(String name) {
        return models.find(name)
                .orElseThrow(() -> new GyreException(
                        ErrorCode.RESOURCE_DOES_NOT_EXIST,
                        "model '" + name + "' is not served here; served: "
                                + models.models().stream()
                                        .map(ServedModel::name)
                                        .collect(Collectors.joining(", "))));
    }

    /** The only model served; for protocols that name none (MLflow's {@code /invocations}). */
    public ServedModel onlyModel() {
        if (models.models().size() != 1) {
            throw GyreException.invalid("this server serves " + models.models().size() + " models ("
                    + models.models().stream().map(ServedModel::name).collect(Collectors.joining(", "))
                    + "); /invocations needs exactly one: use /v2/models/{name}/infer");
        }
        return models.models().iterator().next();
    }

    /**
     * The metadata of {@code name} at {@code version} ({@code null}: the current one); 404 when that version is not
     * the one served.
     */
    public ModelMetadata metadata(String name, String version) {
        try (ServedModel.Lease lease = model(name).lease()) {
            checkVersion(name, version, lease.version());
            return lease.version().metadata();
        }
    }

    /** Scores an Open Inference Protocol request; {@code arrivalNanos} is when it arrived ({@link System#nanoTime()}). */
    public InferenceResponse infer(
            String name, String version, InferenceRequest request, String requestId, long arrivalNanos) {
        return infer(name, version, request, new RequestContext(requestId, null, arrivalNanos));
    }

    /** As above, with a routing key for A/B rollouts (a user stays on one arm). */
    public InferenceResponse infer(String name, String version, InferenceRequest request, RequestContext context) {
        Scored scored = score(name, version, metadata -> request.inputs(), request.requestedOutputs(), context);
        return new InferenceResponse(name, scored.version(), request.id(), scored.outputs(), Map.of());
    }

    /**
     * Scores {@code name} (current version) on the inputs {@code decode} reads for that version's metadata, returning
     * every output; for protocols whose body only becomes tensors once the model is known (MLflow's data frames). The
     * body is decoded under the same lease that scores it, so a hot reload in between cannot mismatch the two.
     */
    public Scored predict(String name, Function<ModelMetadata, List<Tensor>> decode, RequestContext context) {
        return score(name, null, decode, List.of(), context);
    }

    /** What a request got: the version that scored it and its outputs. */
    public record Scored(String version, List<Tensor> outputs) {}

    private Scored score(
            String name,
            String version,
            Function<ModelMetadata, List<Tensor>> decode,
            List<String> requested,
            RequestContext context) {
        ServedModel model = model(name);
        ServedModel.Lease lease = model.lease(context.routingKey());
        long failedAt;
        GyreException failure;
        try {
            ServedVersion served = lease.version();
            checkVersion(name, version, served);
            ModelMetadata metadata = served.metadata();
            List<Tensor> raw = decode.apply(metadata);
            List<Tensor> inputs = InputValidator.validate(metadata, raw);
            int rows = inputs.isEmpty() ? 0 : inputs.getFirst().rows();
            if (rows > maxRows) {
                throw GyreException.invalid("the request has " + rows + " rows; this server takes at most " + maxRows
                        + " per request (split it, or use batch scoring)");
            }
            List<Integer> selected = selectOutputs(metadata, requested);
            List<Tensor> scored = served.batcher().infer(inputs, context.arrivalNanos());
            List<Tensor> outputs = scored;
            if (selected != null) {
                outputs = new ArrayList<>(selected.size());
                for (int index : selected) {
                    outputs.add(scored.get(index));
                }
            }
            long nanos = System.nanoTime() - context.arrivalNanos();
            observer.succeeded(name, served.version(), rows, nanos);
            Rollout rollout = lease.rollout();
            if (rollout != null) {
                (lease.candidate() ? rollout.candidateStats() : rollout.stableStats())
                        .succeeded(nanos, ShadowScoring.primaryValue(scored));
                if (rollout.start().mode() == RolloutMode.SHADOW && !lease.candidate()) {
                    shadows.submit(rollout, raw, scored);
                }
            }
            if (predictions.enabled()) {
                predictions.offer(new PredictionRecord(
                        context.requestId(),
                        System.currentTimeMillis(),
                        name,
                        served.version(),
                        lease.arm(),
                        inputs,
                        outputs,
                        nanos));
            }
            return new Scored(served.version(), outputs);
        } catch (GyreException e) {
            failedAt = System.nanoTime() - context.arrivalNanos();
            failure = e;
        } finally {
            lease.close();
        }
        observer.failed(name, failure.code(), failedAt);
        Rollout rollout = lease.rollout();
        if (rollout != null && failure.code().httpStatus() >= 500) {
            (lease.candidate() ? rollout.candidateStats() : rollout.stableStats()).failed(failedAt);
        }
        throw failure;
    }

    private static void checkVersion(String name, String version, ServedVersion served) {
        if (version != null && !version.equals(served.version())) {
            throw new GyreException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "model '" + name + "' version '" + version + "' is not served (serving version " + served.version()
                            + ")");
        }
    }

    /** Indexes of the requested outputs in declaration order of the request, or null for all. */
    private static List<Integer> selectOutputs(ModelMetadata metadata, List<String> requested) {
        if (requested.isEmpty()) {
            return null;
        }
        List<Integer> indexes = new ArrayList<>(requested.size());
        List<TensorSpec> outputs = metadata.outputs();
        for (String name : requested) {
            int index = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).name().equals(name)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw GyreException.invalid("unknown output '" + name + "'; the model gives "
                        + outputs.stream().map(TensorSpec::name).collect(Collectors.joining(", ")));
            }
            indexes.add(index);
        }
        return indexes;
    }
}
