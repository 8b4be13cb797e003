package dev.gyre.server.serving.grpc;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.protocol.InferenceResponse;
import dev.gyre.serve.repository.ServedModel;
import dev.gyre.serve.repository.ServedVersion;
import dev.gyre.serve.runtime.ModelMetadata;
import dev.gyre.server.serving.grpc.proto.GRPCInferenceServiceGrpc;
import dev.gyre.server.serving.grpc.proto.ModelInferRequest;
import dev.gyre.server.serving.grpc.proto.ModelInferResponse;
import dev.gyre.server.serving.grpc.proto.ModelMetadataRequest;
import dev.gyre.server.serving.grpc.proto.ModelMetadataResponse;
import dev.gyre.server.serving.grpc.proto.ModelReadyRequest;
import dev.gyre.server.serving.grpc.proto.ModelReadyResponse;
import dev.gyre.server.serving.grpc.proto.ServerLiveRequest;
import dev.gyre.server.serving.grpc.proto.ServerLiveResponse;
import dev.gyre.server.serving.grpc.proto.ServerMetadataRequest;
import dev.gyre.server.serving.grpc.proto.ServerMetadataResponse;
import dev.gyre.server.serving.grpc.proto.ServerReadyRequest;
import dev.gyre.server.serving.grpc.proto.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KServe's {@code inference.GRPCInferenceService} on top of {@link InferenceService}, which every protocol shares:
 * this class only converts messages ({@link GrpcTensors}) and errors ({@link GrpcErrors}). A model that is known but
 * not loaded yet is not ready (rather than an error); an unknown model or a version that is not served is {@code
 * NOT_FOUND}, as over REST.
 */
final class InferenceGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceGrpcService.class);

    private final InferenceService service;
    private final String serverVersion;

    InferenceGrpcService(InferenceService service, String serverVersion) {
        this.service = Objects.requireNonNull(service, "service");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
        answer(observer, "ServerLive", () -> ServerLiveResponse.newBuilder()
                .setLive(true)
                .build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        answer(observer, "ServerReady", () -> ServerReadyResponse.newBuilder()
                .setReady(service.ready())
                .build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        answer(observer, "ModelReady", () -> {
            boolean ready;
            try {
                service.metadata(required(request.getName(), "name"), optional(request.getVersion()));
                ready = true;
            } catch (GyreException e) {
                if (e.code() != ErrorCode.TEMPORARILY_UNAVAILABLE) {
                    throw e;
                }
                ready = false;
            }
            return ModelReadyResponse.newBuilder().setReady(ready).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
        answer(observer, "ServerMetadata", () -> ServerMetadataResponse.newBuilder()
                .setName("gyre")
                .setVersion(serverVersion)
                .build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        answer(observer, "ModelMetadata", () -> {
            String name = required(request.getName(), "name");
            ServedModel model = service.model(name);
            ModelMetadata metadata = service.metadata(name, optional(request.getVersion()));
            ServedVersion current = model.current();
            List<String> versions = current == null ? List.of() : List.of(current.version());
            return GrpcTensors.metadata(model.name(), versions, metadata);
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        long arrival = System.nanoTime();
        answer(observer, "ModelInfer", () -> {
            String name = required(request.getModelName(), "model_name");
            InferenceRequest inference = GrpcTensors.request(request);
            InferenceResponse response = service.infer(
                    name, optional(request.getModelVersion()), inference, RequestIdInterceptor.current(), arrival);
            return GrpcTensors.response(response, request.getRawInputContentsCount() > 0);
        });
    }

    /**
     * Answers with what {@code action} gives, or with the status of what it threw: a client's error with its
     * message, anything unexpected with a generic one and a log entry. Nothing escapes, so the call always ends.
     */
    private static <T> void answer(StreamObserver<T> observer, String method, Supplier<T> action) {
        T response;
        try {
            response = action.get();
        } catch (GyreException e) {
            String requestId = RequestIdInterceptor.current();
            if (GrpcErrors.code(e.code()) == Status.Code.INTERNAL) {
                LOG.error("gRPC {} (request id {}) failed", method, requestId, e);
                observer.onError(GrpcErrors.internal(requestId));
            } else {
                LOG.debug("gRPC {} (request id {}) refused: {}", method, requestId, e.getMessage());
                observer.onError(GrpcErrors.of(e));
            }
            return;
        } catch (RuntimeException | StackOverflowError e) {
            String requestId = RequestIdInterceptor.current();
            LOG.error("gRPC {} (request id {}) failed unexpectedly", method, requestId, e);
            observer.onError(GrpcErrors.internal(requestId));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    private static String required(String value, String field) {
        if (value.isEmpty()) {
            throw GyreException.invalid(field + " is required");
        }
        return value;
    }

    /** A proto3 string that is empty when not given, as {@code null}. */
    private static String optional(String value) {
        return value.isEmpty() ? null : value;
    }
}
