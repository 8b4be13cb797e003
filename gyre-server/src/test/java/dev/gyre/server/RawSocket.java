package dev.gyre.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request byte for byte over a socket, for request targets that {@link java.net.URI} would refuse or
 * normalise ({@code ..}, backslashes, raw {@code %} sequences), and returns the status and body.
 */
public final class RawSocket {

    private RawSocket() {}

    public record Reply(int status, String body) {}

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads a chunked body up to its last (empty) chunk. */
    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return body.toByteArray();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            int size = Integer.parseInt(line.toString().trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }

    public static Reply send(int port, String method, String target, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int firstSpace = head.indexOf(' ');
            int status = Integer.parseInt(head.substring(firstSpace + 1, firstSpace + 4));
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            int lengthAt = lower.indexOf("\r\ncontent-length:");
            byte[] replyBody;
            if (lengthAt >= 0) {
                int end = lower.indexOf("\r\n", lengthAt + 2);
                int length = Integer.parseInt(head.substring(lengthAt + 17, end).trim());
                replyBody = in.readNBytes(length);
            } else {
                replyBody = readChunked(in);
            }
            return new Reply(status, new String(replyBody, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
