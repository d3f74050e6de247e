package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.transport.TestCerts;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed response over TLS waits for a client that does not read, as it does on cleartext: what the
 * transport encrypted and could not send counts against the same high watermark, so the producer stops.
 */
class TlsBackpressureTest {
    private static final StreamingHandlers handlers = new StreamingHandlers();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost")).handlers(handlers).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aProducerWaitsForAClientThatDoesNotRead() throws Exception {
        long total = 64L * 1024 * 1024;
        try (SSLSocket socket = (SSLSocket) TestCerts.trusting("localhost").getSocketFactory()
                .createSocket("localhost", server.port())) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /firehose?bytes=" + total
                    + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(1_500);
            long producedWhileStalled = handlers.produced.get();
            assertTrue(producedWhileStalled < 24L * 1024 * 1024,
                    "the producer waited for the client; it produced " + producedWhileStalled);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received += n;
            }
            assertTrue(received > total, "the whole stream arrived, chunk framing included: " + received);
            assertEquals(total, handlers.produced.get());
        }
    }
}
