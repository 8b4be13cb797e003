package dev.gyre.server.serving.grpc;

import dev.gyre.serve.inference.InferenceService;
import dev.gyre.server.ops.ServerVersion;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Open Inference Protocol over gRPC: KServe's {@code inference.GRPCInferenceService} (ServerLive, ServerReady,
 * ModelReady, ServerMetadata, ModelMetadata, ModelInfer), so that the clients of KServe, Triton and MLServer (and
 * their binary, raw-tensor form, which JSON cannot carry cheaply) can score against Gyre unchanged. It serves the
 * same {@link InferenceService} as the REST protocol, so both validate, batch, log and fail alike.
 *
 * <p>Plaintext HTTP/2 on its own port (TLS, as for REST, belongs to the proxy in front). Calls run on virtual
 * threads, which wait in the model's batcher without holding a platform thread. {@link #close()} stops taking calls,
 * lets those in flight finish for the grace period of the {@link Settings}, then cancels the rest.
 */
public final class GrpcInferenceServer implements AutoCloseable {

    /** The largest request message taken unless configured otherwise: 64 MiB (gRPC's own default is 4 MiB). */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 << 20;

    /**
     * How the server runs.
     *
     * @param serverVersion the version ServerMetadata reports
     * @param maxInboundMessageBytes the largest request message taken; bigger ones fail with {@code
     *     RESOURCE_EXHAUSTED}
     * @param shutdownGrace how long {@link #close()} waits for calls in flight before cancelling them
     */
    public record Settings(String serverVersion, int maxInboundMessageBytes, Duration shutdownGrace) {

        public Settings {
            Objects.requireNonNull(serverVersion, "serverVersion");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            if (maxInboundMessageBytes < 1) {
                throw new IllegalArgumentException(
                        "the largest gRPC message must be at least 1 byte, not " + maxInboundMessageBytes);
            }
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("the shutdown grace period is negative: " + shutdownGrace);
            }
        }

        /** Gyre's version, 64 MiB messages, 10 seconds of grace. */
        public static Settings defaults() {
            return new Settings(ServerVersion.load().gyre(), DEFAULT_MAX_INBOUND_MESSAGE_BYTES, Duration.ofSeconds(10));
        }

        /** These settings with another message size limit. */
        public Settings withMaxInboundMessageBytes(int bytes) {
            return new Settings(serverVersion, bytes, shutdownGrace);
        }
    }

    private final Server server;
    private final ExecutorService executor;
    private final Duration shutdownGrace;
    private boolean closed;

    private GrpcInferenceServer(Server server, ExecutorService executor, Duration shutdownGrace) {
        this.server = server;
        this.executor = executor;
        this.shutdownGrace = shutdownGrace;
    }

    /** Starts serving on {@code host}:{@code port} (0: any free port) with the {@link Settings#defaults()}. */
    public static GrpcInferenceServer start(InferenceService service, String host, int port) {
        return start(service, host, port, Settings.defaults());
    }

    /** Starts serving on {@code host}:{@code port} (0: any free port). */
    public static GrpcInferenceServer start(InferenceService service, String host, int port, Settings settings) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gyre-grpc-", 0).factory());
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .executor(executor)
                .maxInboundMessageSize(settings.maxInboundMessageBytes())
                .addService(ServerInterceptors.intercept(
                        new InferenceGrpcService(service, settings.serverVersion()), new RequestIdInterceptor()))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            executor.close();
            throw new UncheckedIOException("cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new GrpcInferenceServer(server, executor, settings.shutdownGrace());
    }

    /** The port it listens on (the one chosen when started with 0). */
    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, waits for those in flight up to the grace period, then cancels what is left. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        try {
            if (!server.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
