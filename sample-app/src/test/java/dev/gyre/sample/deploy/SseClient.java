package dev.gyre.sample.deploy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads an SSE stream over a raw socket and decodes the chunked framing itself, so it can tell a stream
 * that ended cleanly (the last, zero-size chunk arrived) from one that was cut (the connection ended
 * inside the body). A proxy that loses its upstream mid-stream closes without the last chunk, so a cut
 * upstream shows here as a cut. Reconnects after the pause, as a browser's {@code EventSource} does.
 */
public final class SseClient extends TrafficClient {
    private final int port;
    private final String path;
    private final AtomicInteger events = new AtomicInteger();

    public SseClient(int port, String path, Duration reconnectDelay) {
        super(reconnectDelay);
        this.port = port;
        this.path = path;
    }

    /** Events received, over all streams. */
    public int events() {
        return events.get();
    }

    @Override
    protected void once() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            holding(s);
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(s.getInputStream());
            String status = line(in);
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                chunked |= header.toLowerCase().matches("transfer-encoding:\\s*chunked");
            }
            if (!status.startsWith("HTTP/1.1 200") || !chunked) {
                problem("not a chunked 200 stream: " + status);
                return;
            }
            StringBuilder body = new StringBuilder();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("connection ended inside a chunk, stream cut");
                }
                body.append(new String(chunk, StandardCharsets.UTF_8));
                line(in);
            }
            String trailer;
            do {
                trailer = line(in);
            } while (!trailer.isEmpty());
            long seen = body.toString().lines().filter(l -> l.startsWith("data:")).count();
            events.addAndGet((int) seen);
            if (seen == 0) {
                problem("a stream ended before its first event");
            }
        } finally {
            holding(null);
        }
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in).split(";")[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection ended, stream cut (no last chunk)");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
