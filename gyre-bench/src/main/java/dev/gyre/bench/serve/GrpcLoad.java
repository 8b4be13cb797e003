package dev.gyre.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.gyre.server.serving.grpc.proto.GRPCInferenceServiceGrpc;
import dev.gyre.server.serving.grpc.proto.InferTensorContents;
import dev.gyre.server.serving.grpc.proto.ModelInferRequest;
import dev.gyre.server.serving.grpc.proto.ModelInferResponse;
import dev.gyre.server.serving.grpc.proto.ModelMetadataRequest;
import dev.gyre.server.serving.grpc.proto.ModelMetadataResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gRPC counterpart of wrk in {@code bench/serve.sh}: a closed-loop load generator for the Open Inference
 * Protocol's {@code inference.GRPCInferenceService/ModelInfer}. {@code CONNECTIONS} calls are in flight at all times
 * (each "connection" issues its next call as soon as the previous one completes, like a wrk connection), spread
 * round-robin over {@code min(CONNECTIONS, 4)} plaintext channels (one HTTP/2 connection each), through the async stub
 * with callbacks on the channels' event loops — no thread per connection.
 *
 * <p>Usage: {@code GrpcLoad HOST:PORT MODEL REQUEST_JSON DURATION [CONNECTIONS] [WARMUP]}, durations in seconds
 * ({@code 20}, {@code 20s}, {@code 1m} or {@code 500ms}); {@code REQUEST_JSON} is an OIP v2 REST request body
 * ({@code {"inputs": [{"name", "shape", "datatype", "data"}], "outputs": [{"name"}]}}), turned into the equivalent
 * {@code ModelInferRequest} (FP32 data into {@code fp32_contents}, FP64 into {@code fp64_contents}, and so on). Before
 * loading, one call checks the model: the outputs expected in every response are the request's {@code outputs}, or
 * else those of {@code ModelMetadata}; its first output element is printed as {@code GRPC_ANSWER ... value=V}.
 *
 * <p>After the warm-up (calls then are neither recorded nor counted), the measurement window records the latency of
 * every call started and completed in it (sorted at the end; nearest-rank percentiles); every call started in the
 * window that fails — a non-OK status, or an OK response without the expected outputs — is an error. Calls in flight
 * at the end are awaited (10 s deadline per call, like {@code wrk --timeout 10s}). Prints, on standard output, one
 * line with the keys of wrk's {@code WRK_RESULT} line (bench/wrk/report.lua):
 *
 * <pre>
 * RESULT bench=serve step=STEP target=HOST:PORT model=MODEL connections=C channels=N duration=D requests=R seconds=S
 *        rps=… non2xx=E1 socket_errors=E2 errors=E1+E2 p50_ms=… p90_ms=… p99_ms=… max_ms=… mean_ms=…
 *        client_cpu_s=… client_cores=… [server_cpu_s=… server_cores=…] [batches=… mean_batch_rows=…]
 * </pre>
 *
 * where {@code non2xx} counts calls answered with a non-OK status other than UNAVAILABLE and DEADLINE_EXCEEDED, and
 * OK answers without the expected outputs, and {@code socket_errors} the UNAVAILABLE (connection) and
 * DEADLINE_EXCEEDED (timeout) ones. The exit status is 0 when that line was printed (errors or not, as wrk), 1 when
 * the load could not start, 2 on a usage error.
 *
 * <p>System properties: {@code gyre.bench.step} (the step name, default {@code gyre_grpc_xgb});
 * {@code gyre.bench.server-pid} (the server's process: its CPU time, descendants included, over the window gives
 * {@code server_cpu_s} and {@code server_cores}); {@code gyre.bench.metrics-url} ({@code gyre serve}'s
 * {@code /metrics}: the {@code gyre_batch_rows} count and sum over the window give {@code batches} and
 * {@code mean_batch_rows}).
 */
public final class GrpcLoad {

    private static final long DEADLINE_SECONDS = 10;
    private static final int MAX_CHANNELS = 4;

    private GrpcLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: GrpcLoad HOST:PORT MODEL REQUEST_JSON DURATION [CONNECTIONS (64)] [WARMUP (0)]");
            System.exit(2);
        }
        String target = args[0];
        String model = args[1];
        long durationNanos;
        long warmupNanos;
        int connections;
        try {
            durationNanos = parseDuration(args[3]);
            connections = args.length > 4 ? Integer.parseInt(args[4]) : 64;
            warmupNanos = args.length > 5 ? parseDuration(args[5]) : 0;
        } catch (IllegalArgumentException e) {
            System.err.println("GrpcLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (durationNanos <= 0 || connections <= 0) {
            System.err.println("GrpcLoad: DURATION and CONNECTIONS must be positive");
            System.exit(2);
        }
        JsonNode body = new ObjectMapper().readTree(Files.readString(Path.of(args[2])));
        ModelInferRequest request = request(model, body);
        String step = System.getProperty("gyre.bench.step", "gyre_grpc_xgb");
        String serverPid = System.getProperty("gyre.bench.server-pid", "");
        String metricsUrl = System.getProperty("gyre.bench.metrics-url", "");

        int channelCount = Math.min(connections, MAX_CHANNELS);
        List<ManagedChannel> channels = new ArrayList<>();
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grpc-load-retry");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < channelCount; i++) {
                // Callbacks run on the channel's event loop (directExecutor): each one records a latency and starts
                // the next call, nothing that blocks.
                channels.add(Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
                        .directExecutor()
                        .maxInboundMessageSize(64 << 20)
                        .build());
            }
            List<String> expected = expectedOutputs(channels.getFirst(), model, body);
            ModelInferResponse first;
            try {
                first = GRPCInferenceServiceGrpc.newBlockingStub(channels.getFirst())
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                        .modelInfer(request);
            } catch (RuntimeException e) {
                System.err.println("GrpcLoad: the first ModelInfer call failed: " + describe(e));
                System.exit(1);
                return;
            }
            String problem = check(first, expected);
            if (problem != null) {
                System.err.println("GrpcLoad: the first ModelInfer answer is wrong: " + problem);
                System.exit(1);
            }
            System.out.println("GRPC_ANSWER model=" + model + " output="
                    + first.getOutputs(0).getName() + " datatype="
                    + first.getOutputs(0).getDatatype() + " value=" + firstValue(first));

            Run run = new Run(request, expected, retries);
            long start = System.nanoTime();
            run.windowStart = start + warmupNanos;
            run.windowEnd = run.windowStart + durationNanos;
            List<Slot> slots = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                slots.add(new Slot(run, GRPCInferenceServiceGrpc.newStub(channels.get(i % channelCount))));
            }
            slots.forEach(Slot::next);

            sleepUntil(run.windowStart);
            Usage usage0 = Usage.now(serverPid, metricsUrl);
            sleepUntil(run.windowEnd);
            Usage usage1 = Usage.now(serverPid, metricsUrl);
            run.running = false;
            run.countDownIfDrained();
            if (!run.drained.await(DEADLINE_SECONDS + 5, TimeUnit.SECONDS)) {
                System.err.println("GrpcLoad: " + run.inFlight.get() + " call(s) still in flight after the deadline");
            }

            long[] nanos = merge(slots);
            Arrays.sort(nanos);
            double seconds = durationNanos / 1e9;
            long nonOk = run.nonOk.get();
            long transport = run.transport.get();
            StringBuilder line = new StringBuilder("RESULT bench=serve step=" + step);
            line.append(" target=").append(target).append(" model=").append(model);
            line.append(" connections=")
                    .append(connections)
                    .append(" channels=")
                    .append(channelCount);
            line.append(" duration=").append(args[3]);
            line.append(" requests=").append(nanos.length);
            line.append(String.format(Locale.ROOT, " seconds=%.3f rps=%.1f", seconds, nanos.length / seconds));
            line.append(" non2xx=").append(nonOk).append(" socket_errors=").append(transport);
            line.append(" errors=").append(nonOk + transport);
            line.append(String.format(
                    Locale.ROOT,
                    " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.3f",
                    percentileMs(nanos, 50),
                    percentileMs(nanos, 90),
                    percentileMs(nanos, 99),
                    nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6,
                    Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6));
            double wall = (usage1.wallNanos - usage0.wallNanos) / 1e9;
            line.append(usage0.format(usage1, wall));
            System.out.println(line);
            if (!run.errorCodes.isEmpty()) {
                System.err.println("GrpcLoad: errors in the window: " + new TreeMap<>(run.errorCodes) + "; first: "
                        + run.firstError.get());
            }
        } finally {
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
            retries.shutdownNow();
        }
    }

    /** The state shared by all the slots of one run. */
    private static final class Run {
        final ModelInferRequest request;
        final List<String> expected;
        final ScheduledExecutorService retries;
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;
        volatile boolean running = true;
        final AtomicLong inFlight = new AtomicLong();
        final CountDownLatch drained = new CountDownLatch(1);
        final AtomicLong nonOk = new AtomicLong();
        final AtomicLong transport = new AtomicLong();
        final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();
        final AtomicReference<String> firstError = new AtomicReference<>();

        Run(ModelInferRequest request, List<String> expected, ScheduledExecutorService retries) {
            this.request = request;
            this.expected = expected;
            this.retries = retries;
        }

        void countDownIfDrained() {
            if (inFlight.get() == 0) {
                drained.countDown();
            }
        }

        boolean inWindow(long startedAt) {
            return startedAt >= windowStart && startedAt < windowEnd;
        }

        void error(long startedAt, String code, String message, boolean transportError) {
            if (!inWindow(startedAt)) {
                return;
            }
            (transportError ? transport : nonOk).incrementAndGet();
            errorCodes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
            firstError.compareAndSet(null, code + ": " + message);
        }
    }

    /**
     * One closed-loop "connection": one call in flight at a time, the next started from the previous one's callback.
     * Its calls run one after the other, so its latency buffer needs no lock (each completion happens-after the start
     * of the call that it ends, which happens-after the previous completion).
     */
    private static final class Slot implements StreamObserver<ModelInferResponse> {
        private final Run run;
        private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub;
        private long[] nanos = new long[1024];
        private int count;
        private long startedAt;
        private ModelInferResponse response;

        Slot(Run run, GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub) {
            this.run = run;
            this.stub = stub;
        }

        void next() {
            if (!run.running) {
                run.countDownIfDrained();
                return;
            }
            run.inFlight.incrementAndGet();
            response = null;
            startedAt = System.nanoTime();
            stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).modelInfer(run.request, this);
        }

        @Override
        public void onNext(ModelInferResponse value) {
            response = value;
        }

        @Override
        public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            Status.Code code = status.getCode();
            run.error(
                    startedAt,
                    code.name(),
                    String.valueOf(status.getDescription()),
                    code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED);
            record(System.nanoTime());
            // Not from this callback: a call that fails at once would otherwise recurse.
            if (!finished()) {
                run.retries.schedule(this::next, 1, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onCompleted() {
            long now = System.nanoTime();
            String problem = response == null ? "no response message" : check(response, run.expected);
            if (problem != null) {
                run.error(startedAt, "BAD_RESPONSE", problem, false);
            }
            record(now);
            if (!finished()) {
                next();
            }
        }

        private void record(long now) {
            if (startedAt >= run.windowStart && now <= run.windowEnd) {
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, count * 2);
                }
                nanos[count++] = now - startedAt;
            }
        }

        /** Ends this call; true when the run is over (and the last call in flight, if it was, has counted down). */
        private boolean finished() {
            long left = run.inFlight.decrementAndGet();
            if (run.running) {
                return false;
            }
            if (left == 0) {
                run.drained.countDown();
            }
            return true;
        }

        long[] latencies() {
            return Arrays.copyOf(nanos, count);
        }
    }

    /** Null when the response has the expected outputs in that order, else what is wrong. */
    static String check(ModelInferResponse response, List<String> expected) {
        if (response.getOutputsCount() != expected.size()) {
            return "expected outputs " + expected + ", got " + outputNames(response);
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(response.getOutputs(i).getName())) {
                return "expected outputs " + expected + ", got " + outputNames(response);
            }
        }
        return null;
    }

    private static List<String> outputNames(ModelInferResponse response) {
        return response.getOutputsList().stream()
                .map(ModelInferResponse.InferOutputTensor::getName)
                .toList();
    }

    private static String firstValue(ModelInferResponse response) {
        InferTensorContents c = response.getOutputs(0).getContents();
        if (c.getFp32ContentsCount() > 0) {
            return Float.toString(c.getFp32Contents(0));
        } else if (c.getFp64ContentsCount() > 0) {
            return Double.toString(c.getFp64Contents(0));
        } else if (c.getInt64ContentsCount() > 0) {
            return Long.toString(c.getInt64Contents(0));
        } else if (c.getIntContentsCount() > 0) {
            return Integer.toString(c.getIntContents(0));
        }
        return "?";
    }

    /** The outputs every answer must carry: those the request names, else all of the model's (ModelMetadata). */
    private static List<String> expectedOutputs(ManagedChannel channel, String model, JsonNode body) {
        List<String> named = new ArrayList<>();
        body.path("outputs").forEach(o -> named.add(o.path("name").asText()));
        if (!named.isEmpty()) {
            return named;
        }
        try {
            ModelMetadataResponse metadata = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .modelMetadata(
                            ModelMetadataRequest.newBuilder().setName(model).build());
            return metadata.getOutputsList().stream()
                    .map(ModelMetadataResponse.TensorMetadata::getName)
                    .toList();
        } catch (RuntimeException e) {
            System.err.println("GrpcLoad: ModelMetadata for '" + model + "' failed: " + describe(e));
            System.exit(1);
            return List.of();
        }
    }

    private static String describe(Throwable t) {
        Status status = Status.fromThrowable(t);
        Throwable cause = status.getCause();
        return status.getCode() + " " + status.getDescription() + (cause == null ? "" : " (" + cause + ")");
    }

    /** The ModelInferRequest equivalent to an OIP v2 REST request body. */
    static ModelInferRequest request(String model, JsonNode body) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new IllegalArgumentException("the request has no inputs");
        }
        for (JsonNode input : inputs) {
            String datatype = input.path("datatype").asText();
            ModelInferRequest.InferInputTensor.Builder tensor = ModelInferRequest.InferInputTensor.newBuilder()
                    .setName(input.path("name").asText())
                    .setDatatype(datatype);
            input.path("shape").forEach(d -> tensor.addShape(d.asLong()));
            List<JsonNode> data = new ArrayList<>();
            flatten(input.path("data"), data);
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            for (JsonNode v : data) {
                switch (datatype) {
                    case "FP32" -> contents.addFp32Contents((float) v.asDouble());
                    case "FP64" -> contents.addFp64Contents(v.asDouble());
                    case "INT8", "INT16", "INT32" -> contents.addIntContents(v.asInt());
                    case "INT64" -> contents.addInt64Contents(v.asLong());
                    case "UINT8", "UINT16", "UINT32" -> contents.addUintContents(v.asInt());
                    case "UINT64" -> contents.addUint64Contents(v.asLong());
                    case "BOOL" -> contents.addBoolContents(v.asBoolean());
                    case "BYTES" -> contents.addBytesContents(ByteString.copyFrom(v.asText(), StandardCharsets.UTF_8));
                    default -> throw new IllegalArgumentException("unsupported datatype " + datatype);
                }
            }
            request.addInputs(tensor.setContents(contents));
        }
        body.path("outputs")
                .forEach(o -> request.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName(o.path("name").asText())));
        return request.build();
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
    }

    private static long[] merge(List<Slot> slots) {
        List<long[]> parts = slots.stream().map(Slot::latencies).toList();
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds (NaN when there are none). */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** Seconds by default; {@code ms}, {@code s}, {@code m} and {@code h} suffixes as wrk takes them. */
    static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = TimeUnit.SECONDS.toNanos(1);
        if (t.endsWith("ms")) {
            unit = TimeUnit.MILLISECONDS.toNanos(1);
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = TimeUnit.MINUTES.toNanos(1);
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = TimeUnit.HOURS.toNanos(1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** CPU time of this process and of the server, and the server's batch counters, at one instant. */
    private record Usage(long wallNanos, long clientCpuNanos, long serverCpuNanos, long batches, double batchRows) {

        static Usage now(String serverPid, String metricsUrl) {
            long wall = System.nanoTime();
            long client = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getProcessCpuTime();
            long server = -1;
            if (!serverPid.isBlank()) {
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(serverPid.trim()));
                if (handle.isPresent()) {
                    server = cpu(handle.get())
                            + handle.get().descendants().mapToLong(Usage::cpu).sum();
                }
            }
            long batches = -1;
            double rows = 0;
            if (!metricsUrl.isBlank()) {
                try (HttpClient http = HttpClient.newHttpClient()) {
                    String text = http.send(
                                    HttpRequest.newBuilder(URI.create(metricsUrl))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    batches = 0;
                    for (String l : text.split("\n")) {
                        if (l.startsWith("gyre_batch_rows_count{") || l.startsWith("gyre_batch_rows_count ")) {
                            batches += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                        } else if (l.startsWith("gyre_batch_rows_sum{") || l.startsWith("gyre_batch_rows_sum ")) {
                            rows += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("GrpcLoad: " + metricsUrl + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Usage(wall, client, server, batches, rows);
        }

        private static long cpu(ProcessHandle p) {
            return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        String format(Usage end, double wallSeconds) {
            StringBuilder s = new StringBuilder();
            double client = (end.clientCpuNanos - clientCpuNanos) / 1e9;
            s.append(String.format(Locale.ROOT, " client_cpu_s=%.2f client_cores=%.2f", client, client / wallSeconds));
            if (serverCpuNanos >= 0 && end.serverCpuNanos >= 0) {
                double server = (end.serverCpuNanos - serverCpuNanos) / 1e9;
                s.append(String.format(
                        Locale.ROOT, " server_cpu_s=%.2f server_cores=%.2f", server, server / wallSeconds));
            }
            if (batches >= 0 && end.batches >= 0) {
                long b = end.batches - batches;
                s.append(" batches=").append(b);
                s.append(String.format(
                        Locale.ROOT, " mean_batch_rows=%.2f", b > 0 ? (end.batchRows - batchRows) / b : 0.0));
            }
            return s.toString();
        }
    }
}
