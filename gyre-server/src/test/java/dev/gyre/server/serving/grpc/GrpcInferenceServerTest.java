package dev.gyre.server.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.gyre.serve.TestModels;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.inference.InferenceObserver;
import dev.gyre.serve.inference.InferenceService;
import dev.gyre.serve.log.PredictionLog;
import dev.gyre.serve.protocol.InferenceRequest;
import dev.gyre.serve.repository.ModelLoader;
import dev.gyre.serve.repository.ModelRepository;
import dev.gyre.serve.repository.ModelSource;
import dev.gyre.serve.repository.RepositoryEvents;
import dev.gyre.serve.tensor.Datatype;
import dev.gyre.serve.tensor.Tensor;
import dev.gyre.serve.tensor.TensorData;
import dev.gyre.server.serving.grpc.proto.GRPCInferenceServiceGrpc;
import dev.gyre.server.serving.grpc.proto.InferTensorContents;
import dev.gyre.server.serving.grpc.proto.ModelInferRequest;
import dev.gyre.server.serving.grpc.proto.ModelInferResponse;
import dev.gyre.server.serving.grpc.proto.ModelMetadataRequest;
import dev.gyre.server.serving.grpc.proto.ModelMetadataResponse;
import dev.gyre.server.serving.grpc.proto.ModelReadyRequest;
import dev.gyre.server.serving.grpc.proto.ServerLiveRequest;
import dev.gyre.server.serving.grpc.proto.ServerMetadataRequest;
import dev.gyre.server.serving.grpc.proto.ServerMetadataResponse;
import dev.gyre.server.serving.grpc.proto.ServerReadyRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gRPC server on a free loopback port serving a Gyre package ({@code shapes}) and a bare XGBoost model
 * ({@code reg}), called through the blocking stub generated from the same proto over a plaintext channel; scores are
 * compared with what the serving stage computes for the same tensors directly.
 */
class GrpcInferenceServerTest {

    private static final String VERSION = "9.9.9-test";

    @TempDir
    static Path dir;

    private static ModelRepository repository;
    private static InferenceService service;
    private static GrpcInferenceServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        Path shapes = TestModels.binaryPackage(dir.resolve("shapes"), 4);
        Path reg = Files.write(dir.resolve("reg.ubj"), TestModels.bareRegressionModel());
        repository = ModelRepository.open(
                List.of(
                        new ModelRepository.Entry("shapes", ModelSource.parse(shapes.toString())),
                        new ModelRepository.Entry("reg", ModelSource.parse(reg.toString()))),
                new ModelLoader(null, null),
                BatchSettings.DEFAULTS,
                RepositoryEvents.NONE,
                Duration.ZERO);
        service = new InferenceService(repository, InferenceObserver.NONE, PredictionLog.NONE, 10_000);
        server = GrpcInferenceServer.start(
                service,
                "127.0.0.1",
                0,
                new GrpcInferenceServer.Settings(
                        VERSION, GrpcInferenceServer.DEFAULT_MAX_INBOUND_MESSAGE_BYTES, Duration.ofSeconds(5)));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        if (repository != null) {
            repository.close();
        }
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    // ---- health and metadata ----

    @Test
    void liveAndReady() {
        assertThat(server.port()).isPositive();
        assertThat(stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive())
                .isTrue();
        assertThat(stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady())
                .isTrue();
        assertThat(stub().modelReady(
                                ModelReadyRequest.newBuilder().setName("shapes").build())
                        .getReady())
                .isTrue();
        assertThat(stub().modelReady(ModelReadyRequest.newBuilder()
                                .setName("reg")
                                .setVersion("1")
                                .build())
                        .getReady())
                .isTrue();
    }

    @Test
    void unknownModelsAndVersionsAreNotFound() {
        assertThat(status(() -> stub().modelReady(
                                ModelReadyRequest.newBuilder().setName("nope").build())))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND))
                .satisfies(s -> assertThat(s.getDescription()).contains("model 'nope' is not served here"));
        assertThat(status(() -> stub().modelReady(ModelReadyRequest.newBuilder()
                                .setName("shapes")
                                .setVersion("7")
                                .build()))
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status(() -> stub().modelMetadata(ModelMetadataRequest.newBuilder()
                                .setName("nope")
                                .build()))
                        .getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status(() -> stub().modelReady(ModelReadyRequest.getDefaultInstance())))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("name is required"));
    }

    @Test
    void serverMetadata() {
        ServerMetadataResponse metadata = stub().serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(metadata.getName()).isEqualTo("gyre");
        assertThat(metadata.getVersion()).isEqualTo(VERSION);
        assertThat(metadata.getExtensionsList()).isEmpty();
    }

    @Test
    void modelMetadataGivesDatatypesAndShapes() {
        ModelMetadataResponse shapes = stub().modelMetadata(
                        ModelMetadataRequest.newBuilder().setName("shapes").build());
        assertThat(shapes.getName()).isEqualTo("shapes");
        assertThat(shapes.getVersionsList()).containsExactly("1");
        assertThat(shapes.getPlatform())
                .isEqualTo(service.metadata("shapes", null).platform());
        assertThat(shapes.getInputsList())
                .extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("size FP64 [-1]", "shape BYTES [-1]");
        assertThat(shapes.getOutputsList())
                .extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("probability FP64 [-1]", "label BYTES [-1]");

        ModelMetadataResponse reg = stub().modelMetadata(ModelMetadataRequest.newBuilder()
                .setName("reg")
                .setVersion("1")
                .build());
        assertThat(reg.getPlatform()).isEqualTo("xgboost_ubj");
        assertThat(reg.getVersionsList()).containsExactly("1");
        assertThat(reg.getInputsList())
                .extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("input-0 FP32 [-1, 3]");
        assertThat(reg.getOutputsList())
                .extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("predict FP32 [-1]");
    }

    // ---- inference ----

    @Test
    void packageScoresTypedContents() {
        double[] sizes = {9, 2, 7, 0};
        String[] shapes = {"round", "square", "star", "square"};
        ModelInferResponse response =
                stub().modelInfer(shapesRequest(sizes, shapes).setId("req-1").build());

        List<Tensor> expected = directShapes(sizes, shapes);
        assertThat(response.getModelName()).isEqualTo("shapes");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("req-1");
        assertThat(response.getRawOutputContentsCount()).isZero();
        assertThat(response.getOutputsList())
                .extracting(t -> t.getName() + " " + t.getDatatype() + " " + t.getShapeList())
                .containsExactly("probability FP64 [4]", "label BYTES [4]");
        assertThat(response.getOutputs(0).getContents().getFp64ContentsList())
                .containsExactly(box(((TensorData.Doubles) expected.get(0).data()).values()));
        assertThat(texts(response.getOutputs(1).getContents().getBytesContentsList()))
                .containsExactly(((TensorData.Texts) expected.get(1).data()).values());
        // size > 5 or a star: yes.
        assertThat(texts(response.getOutputs(1).getContents().getBytesContentsList()))
                .containsExactly("yes", "no", "yes", "no");
    }

    @Test
    void xgboostScoresFp32Contents() {
        float[] features = {4, 2, 0, 9, 0, 1, 1, 6, 2};
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName("reg")
                .addInputs(input("input-0", "FP32", 3, 3)
                        .setContents(InferTensorContents.newBuilder().addAllFp32Contents(boxFloats(features))));
        ModelInferResponse response = stub().modelInfer(request.build());

        float[] expected = directRegression(features);
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEmpty();
        ModelInferResponse.InferOutputTensor output = response.getOutputs(0);
        assertThat(output.getName()).isEqualTo("predict");
        assertThat(output.getDatatype()).isEqualTo("FP32");
        assertThat(output.getShapeList()).containsExactly(3L);
        assertThat(output.getContents().getFp32ContentsList()).containsExactlyElementsOf(boxFloats(expected));
        // y = 2·x0 − x1, learnt well enough to check that rows were not mixed up.
        assertThat(expected[0]).isCloseTo(6f, org.assertj.core.data.Offset.offset(1f));
        assertThat(expected[1]).isCloseTo(18f, org.assertj.core.data.Offset.offset(1.5f));
        assertThat(expected[2]).isCloseTo(-4f, org.assertj.core.data.Offset.offset(1.5f));
    }

    @Test
    void xgboostScoresRawInputContentsAndAnswersRaw() {
        float[] features = {4, 2, 0, 9, 0, 1};
        ByteBuffer raw = ByteBuffer.allocate(features.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float feature : features) {
            raw.putFloat(feature);
        }
        ModelInferResponse response = stub().modelInfer(ModelInferRequest.newBuilder()
                .setModelName("reg")
                .addInputs(input("input-0", "FP32", 2, 3))
                .addRawInputContents(ByteString.copyFrom(raw.array()))
                .build());

        ModelInferResponse.InferOutputTensor output = response.getOutputs(0);
        assertThat(output.getName()).isEqualTo("predict");
        assertThat(output.getShapeList()).containsExactly(2L);
        assertThat(output.hasContents()).isFalse();
        assertThat(response.getRawOutputContentsCount()).isEqualTo(1);
        ByteBuffer scores =
                response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(scores.remaining()).isEqualTo(8);
        float[] received = {scores.getFloat(), scores.getFloat()};
        assertThat(received).containsExactly(directRegression(features));
    }

    @Test
    void packageScoresRawFp64AndBytes() {
        double[] sizes = {9, 2, 7};
        String[] shapes = {"round", "squäre", "star"};
        ByteBuffer rawSizes = ByteBuffer.allocate(sizes.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double size : sizes) {
            rawSizes.putDouble(size);
        }
        ModelInferResponse response = stub().modelInfer(ModelInferRequest.newBuilder()
                .setModelName("shapes")
                .addInputs(input("size", "FP64", 3))
                .addInputs(input("shape", "BYTES", 3))
                .addRawInputContents(ByteString.copyFrom(rawSizes.array()))
                .addRawInputContents(rawTexts(shapes))
                .build());

        List<Tensor> expected = directShapes(sizes, shapes);
        assertThat(response.getRawOutputContentsCount()).isEqualTo(2);
        ByteBuffer probabilities =
                response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] received = new double[3];
        probabilities.asDoubleBuffer().get(received);
        assertThat(received)
                .containsExactly(((TensorData.Doubles) expected.get(0).data()).values());
        assertThat(readRawTexts(response.getRawOutputContents(1)))
                .containsExactly(((TensorData.Texts) expected.get(1).data()).values());
    }

    @Test
    void requestedOutputsAreTheOnlyOnesInTheirOrder() {
        double[] sizes = {9, 2};
        String[] shapes = {"round", "square"};
        ModelInferResponse labelOnly = stub().modelInfer(shapesRequest(sizes, shapes)
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName("label"))
                .build());
        assertThat(labelOnly.getOutputsList())
                .extracting(ModelInferResponse.InferOutputTensor::getName)
                .containsExactly("label");
        assertThat(texts(labelOnly.getOutputs(0).getContents().getBytesContentsList()))
                .containsExactly("yes", "no");

        ModelInferResponse both = stub().modelInfer(shapesRequest(sizes, shapes)
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName("label"))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName("probability"))
                .build());
        assertThat(both.getOutputsList())
                .extracting(ModelInferResponse.InferOutputTensor::getName)
                .containsExactly("label", "probability");
    }

    @Test
    void theRequestIdHeaderIsEchoed() {
        Metadata headers = new Metadata();
        headers.put(RequestIdInterceptor.HEADER, "trace-42");
        AtomicReference<Metadata> received = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        stub().withInterceptors(
                        MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(received, trailers))
                .serverLive(ServerLiveRequest.getDefaultInstance());
        assertThat(received.get().get(RequestIdInterceptor.HEADER)).isEqualTo("trace-42");

        // A failed call has only trailers: the id and Gyre's error code are there.
        assertThatThrownBy(() -> stub().withInterceptors(
                                MetadataUtils.newAttachHeadersInterceptor(headers),
                                MetadataUtils.newCaptureMetadataInterceptor(received, trailers))
                        .modelInfer(ModelInferRequest.newBuilder()
                                .setModelName("nope")
                                .build()))
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(trailers.get().get(RequestIdInterceptor.HEADER)).isEqualTo("trace-42");
        assertThat(trailers.get().get(GrpcErrors.CODE_KEY)).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    // ---- bad requests ----

    @Test
    void badRequestsAreNamedAndTheServerKeepsServing() {
        assertRefused(
                ModelInferRequest.newBuilder().setModelName("nope").build(),
                Status.Code.NOT_FOUND,
                "model 'nope' is not served here; served: ");
        assertRefused(ModelInferRequest.newBuilder().build(), Status.Code.INVALID_ARGUMENT, "model_name is required");

        // A datatype the protocol does not have, and one the model does not take.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("shapes")
                        .addInputs(input("size", "FP99", 1)
                                .setContents(InferTensorContents.newBuilder().addFp64Contents(1)))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'size' has unknown datatype \"FP99\"; expected one of BOOL, ");
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("shapes")
                        .addInputs(input("size", "BYTES", 1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFromUtf8("big"))))
                        .addInputs(input("shape", "BYTES", 1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFromUtf8("star"))))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'size' has datatype BYTES but the model takes FP64");
        // Elements in the contents field of another datatype.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "FP32", 1, 3)
                                .setContents(InferTensorContents.newBuilder()
                                        .addFp64Contents(1)
                                        .addFp64Contents(2)
                                        .addFp64Contents(3)))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'input-0' has datatype FP32, whose elements go in fp32_contents, but has 3 in fp64_contents");

        // Element counts that do not match the shape, typed and raw.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "FP32", 2, 3)
                                .setContents(InferTensorContents.newBuilder()
                                        .addAllFp32Contents(List.of(1f, 2f, 3f, 4f, 5f))))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'input-0' has 5 elements in fp32_contents but shape [2, 3] needs 6");
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "FP32", 2, 3))
                        .addRawInputContents(ByteString.copyFrom(new byte[20]))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "raw_input_contents[0] for input 'input-0' has 20 bytes but shape [2, 3] of FP32 needs 24"
                        + " (6 elements of 4 bytes)");
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("shapes")
                        .addInputs(input("size", "FP64", 1))
                        .addInputs(input("shape", "BYTES", 2))
                        .addRawInputContents(ByteString.copyFrom(new byte[8]))
                        .addRawInputContents(rawTexts(new String[] {"star"}))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "raw_input_contents[1] for input 'shape' holds 1 BYTES elements but shape [2] needs 2");
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "FP32", 1, 3))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'input-0' has 0 elements in fp32_contents but shape [1, 3] needs 3");

        // Raw contents that do not pair with the inputs, or typed contents beside them.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("shapes")
                        .addInputs(input("size", "FP64", 1))
                        .addInputs(input("shape", "BYTES", 1))
                        .addRawInputContents(ByteString.copyFrom(new byte[8]))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "raw_input_contents has 1 entries but the request has 2 inputs");
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "FP32", 1, 3)
                                .setContents(InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f))))
                        .addRawInputContents(ByteString.copyFrom(new byte[12]))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'input-0' has contents but the request also has raw_input_contents");

        // A missing input, an unknown one, an unknown output.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("shapes")
                        .addInputs(input("size", "FP64", 1)
                                .setContents(InferTensorContents.newBuilder().addFp64Contents(3)))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "missing input 'shape' (BYTES [-1])");
        assertRefused(
                shapesRequest(new double[] {1}, new String[] {"star"})
                        .addInputs(input("colour", "BYTES", 1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFromUtf8("red"))))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "unknown input 'colour'");
        assertRefused(
                shapesRequest(new double[] {1}, new String[] {"star"})
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                                .setName("nope"))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "unknown output 'nope'; the model gives probability, label");

        // Out-of-range small integers, text that is not UTF-8, a version that is not served.
        assertRefused(
                ModelInferRequest.newBuilder()
                        .setModelName("reg")
                        .addInputs(input("input-0", "UINT8", 1, 3)
                                .setContents(InferTensorContents.newBuilder().addAllUintContents(List.of(1, 300, 2))))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'input-0' element 1 is 300, out of range for datatype UINT8 (0 to 255)");
        assertRefused(
                shapesRequest(new double[] {1}, new String[] {"x"}).build().toBuilder()
                        .setInputs(
                                1,
                                input("shape", "BYTES", 1)
                                        .setContents(InferTensorContents.newBuilder()
                                                .addBytesContents(ByteString.copyFrom(new byte[] {(byte) 0xC3}))))
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "input 'shape' element 0 is not valid UTF-8");
        assertRefused(
                shapesRequest(new double[] {1}, new String[] {"star"})
                        .setModelVersion("2")
                        .build(),
                Status.Code.NOT_FOUND,
                "model 'shapes' version '2' is not served (serving version 1)");

        // Still serving, correctly.
        assertThat(stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive())
                .isTrue();
        ModelInferResponse after = stub().modelInfer(
                        shapesRequest(new double[] {9}, new String[] {"round"}).build());
        assertThat(texts(after.getOutputs(1).getContents().getBytesContentsList()))
                .containsExactly("yes");
    }

    @Test
    void integerInputsAreWidenedForFloatModels() {
        ModelInferResponse response = stub().modelInfer(ModelInferRequest.newBuilder()
                .setModelName("reg")
                .addInputs(input("input-0", "INT32", 1, 3)
                        .setContents(InferTensorContents.newBuilder().addAllIntContents(List.of(4, 2, 0))))
                .build());
        assertThat(response.getOutputs(0).getContents().getFp32ContentsList())
                .containsExactlyElementsOf(boxFloats(directRegression(new float[] {4, 2, 0})));
    }

    // ---- concurrency, limits, shutdown ----

    @Test
    void concurrentClientsAllGetTheirOwnScores() throws Exception {
        int clients = 8;
        int calls = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    int correct = 0;
                    for (int call = 0; call < calls; call++) {
                        int seed = client * calls + call;
                        if (call % 2 == 0) {
                            float[] features = {seed % 10, (seed / 10) % 7, seed % 3};
                            ModelInferResponse response = stub().modelInfer(ModelInferRequest.newBuilder()
                                    .setModelName("reg")
                                    .setId("c" + seed)
                                    .addInputs(input("input-0", "FP32", 1, 3)
                                            .setContents(InferTensorContents.newBuilder()
                                                    .addAllFp32Contents(boxFloats(features))))
                                    .build());
                            assertThat(response.getId()).isEqualTo("c" + seed);
                            assertThat(response.getOutputs(0).getContents().getFp32ContentsList())
                                    .containsExactlyElementsOf(boxFloats(directRegression(features)));
                        } else {
                            double[] sizes = {seed % 11};
                            String[] shapes = {
                                List.of("round", "square", "star").get(seed % 3)
                            };
                            ModelInferResponse response = stub().modelInfer(shapesRequest(sizes, shapes)
                                    .setId("c" + seed)
                                    .build());
                            List<Tensor> expected = directShapes(sizes, shapes);
                            assertThat(response.getId()).isEqualTo("c" + seed);
                            assertThat(response.getOutputs(0).getContents().getFp64ContentsList())
                                    .containsExactly(box(((TensorData.Doubles)
                                                    expected.get(0).data())
                                            .values()));
                            assertThat(texts(
                                            response.getOutputs(1).getContents().getBytesContentsList()))
                                    .containsExactly(
                                            ((TensorData.Texts) expected.get(1).data()).values());
                        }
                        correct++;
                    }
                    return correct;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(clients * calls);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void messagesOverTheLimitAreRefusedAndCloseStopsServing() throws Exception {
        GrpcInferenceServer small = GrpcInferenceServer.start(
                service, "127.0.0.1", 0, new GrpcInferenceServer.Settings(VERSION, 1024, Duration.ofSeconds(2)));
        ManagedChannel smallChannel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", small.port(), InsecureChannelCredentials.create())
                .build();
        try {
            var smallStub =
                    GRPCInferenceServiceGrpc.newBlockingStub(smallChannel).withDeadlineAfter(30, TimeUnit.SECONDS);
            float[] features = new float[3 * 200];
            StatusRuntimeException tooBig = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> smallStub.modelInfer(ModelInferRequest.newBuilder()
                            .setModelName("reg")
                            .addInputs(input("input-0", "FP32", 200, 3)
                                    .setContents(
                                            InferTensorContents.newBuilder().addAllFp32Contents(boxFloats(features))))
                            .build()));
            assertThat(tooBig.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            // A small one still goes through.
            assertThat(smallStub
                            .modelInfer(ModelInferRequest.newBuilder()
                                    .setModelName("reg")
                                    .addInputs(input("input-0", "FP32", 1, 3)
                                            .setContents(InferTensorContents.newBuilder()
                                                    .addAllFp32Contents(List.of(4f, 2f, 0f))))
                                    .build())
                            .getOutputsCount())
                    .isEqualTo(1);

            small.close();
            small.close();
            StatusRuntimeException closed = catchThrowableOfType(
                    StatusRuntimeException.class, () -> GRPCInferenceServiceGrpc.newBlockingStub(smallChannel)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .serverLive(ServerLiveRequest.getDefaultInstance()));
            assertThat(closed.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            smallChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            small.close();
        }
    }

    // ---- helpers ----

    private static ModelInferRequest.InferInputTensor.Builder input(String name, String datatype, long... shape) {
        ModelInferRequest.InferInputTensor.Builder input =
                ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dimension : shape) {
            input.addShape(dimension);
        }
        return input;
    }

    private static ModelInferRequest.Builder shapesRequest(double[] sizes, String[] shapes) {
        InferTensorContents.Builder texts = InferTensorContents.newBuilder();
        for (String shape : shapes) {
            texts.addBytesContents(ByteString.copyFromUtf8(shape));
        }
        return ModelInferRequest.newBuilder()
                .setModelName("shapes")
                .addInputs(input("size", "FP64", sizes.length)
                        .setContents(InferTensorContents.newBuilder().addAllFp64Contents(Arrays.asList(box(sizes)))))
                .addInputs(input("shape", "BYTES", shapes.length).setContents(texts));
    }

    /** What the serving stage gives for the package on the same tensors, without gRPC. */
    private static List<Tensor> directShapes(double[] sizes, String[] shapes) {
        return service.infer(
                        "shapes",
                        null,
                        new InferenceRequest(
                                null,
                                List.of(
                                        Tensor.of(
                                                "size",
                                                Datatype.FP64,
                                                new long[] {sizes.length},
                                                new TensorData.Doubles(sizes.clone())),
                                        Tensor.of(
                                                "shape",
                                                Datatype.BYTES,
                                                new long[] {shapes.length},
                                                new TensorData.Texts(shapes.clone()))),
                                List.of(),
                                Map.of()),
                        "direct",
                        System.nanoTime())
                .outputs();
    }

    /** What the serving stage gives for the XGBoost model on the same features, without gRPC. */
    private static float[] directRegression(float[] features) {
        Tensor input = Tensor.of(
                "input-0", Datatype.FP32, new long[] {features.length / 3, 3}, new TensorData.Floats(features.clone()));
        return ((TensorData.Floats) service.infer(
                                "reg",
                                null,
                                new InferenceRequest(null, List.of(input), List.of(), Map.of()),
                                "direct",
                                System.nanoTime())
                        .outputs()
                        .getFirst()
                        .data())
                .values();
    }

    private static Status status(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should have failed").isNotNull();
        return e.getStatus();
    }

    private static void assertRefused(ModelInferRequest request, Status.Code code, String message) {
        Status status = status(() -> stub().modelInfer(request));
        assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
        assertThat(status.getDescription()).contains(message);
    }

    private static ByteString rawTexts(String[] values) {
        List<byte[]> encoded = Arrays.stream(values)
                .map(v -> v.getBytes(StandardCharsets.UTF_8))
                .toList();
        ByteBuffer buffer = ByteBuffer.allocate(
                        encoded.stream().mapToInt(b -> 4 + b.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] value : encoded) {
            buffer.putInt(value.length).put(value);
        }
        return ByteString.copyFrom(buffer.array());
    }

    private static List<String> readRawTexts(ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<String> values = new ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] value = new byte[buffer.getInt()];
            buffer.get(value);
            values.add(new String(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<String> texts(List<ByteString> values) {
        return values.stream().map(ByteString::toStringUtf8).toList();
    }

    private static Double[] box(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    private static List<Float> boxFloats(float[] values) {
        List<Float> boxed = new ArrayList<>(values.length);
        for (float value : values) {
            boxed.add(value);
        }
        return boxed;
    }
}
