package dev.gyre.bench.serve;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The hello-JSON baseline of {@code bench/serve.sh}: a Helidon SE 4 web server built with the same settings as
 * {@code dev.gyre.server.serving.PredictionServer} (virtual threads — Helidon 4's default —, HTTP/1.1 only through
 * {@code Http1Config}, no discovered features, no shutdown hook, the same payload limit and grace period), with one
 * route, {@code /hello}, answering {@code {"message":"hello"}}: {@code GET} as the bare endpoint, {@code POST} after
 * reading the request body (the cost of receiving a body with nothing else). No Gyre dispatch, access log or
 * metrics: what is left is the HTTP stack that the prediction server's numbers are compared with.
 *
 * <p>Usage: {@code HelloServer [PORT] [HOST]} (port 0, the default, picks a free one); prints
 * {@code HelloServer listening on http://HOST:PORT} and runs until killed.
 */
public final class HelloServer {

    private static final byte[] BODY = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private HelloServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        Handler get = (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(BODY);
        };
        Handler post = (req, res) -> {
            req.content().as(byte[].class);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(BODY);
        };
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .maxPayloadSize(64L << 20)
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .addProtocol(Http1Config.builder().build())
                .routing(routing -> routing.get("/hello", get).post("/hello", post))
                .build()
                .start();
        System.out.println("HelloServer listening on http://" + host + ":" + server.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        Thread.currentThread().join();
    }
}
