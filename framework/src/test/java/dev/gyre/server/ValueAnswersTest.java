package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Query;
import dev.gyre.handler.Status;
import dev.gyre.observe.ExchangeObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A loop route's {@code String}, {@code byte[]} or JSON value is sent as its parts, without a {@code Response},
 * when nothing wraps the exchange; the client must not be able to tell. Each request is sent to a server where
 * that path is taken and to one where an observer wraps every exchange (so a {@code Response} is made), and the
 * two byte streams must be the same but for {@code Date}.
 */
class ValueAnswersTest {
    private static final byte[] LARGE = new byte[40 * 1024];

    static {
        Arrays.fill(LARGE, (byte) 'x');
    }

    public record Message(String message) {
    }

    public static final class Values {
        @Get("/text")
        @NonBlocking
        public String text() {
            return "Hello, World!";
        }

        @Get("/fresh")
        @NonBlocking
        public String fresh() {
            return new String("built per request, ü");
        }

        @Get("/bytes")
        @NonBlocking
        public byte[] bytes() {
            return new byte[] {0, 1, 2, (byte) 255};
        }

        /** Past the size the connection sends from its own array instead of copying. */
        @Get("/large")
        @NonBlocking
        public byte[] large() {
            return LARGE;
        }

        @Get("/json")
        @NonBlocking
        public Message json() {
            return new Message("Hello, World!");
        }

        @Get("/created")
        @NonBlocking
        @Status(201)
        public String created() {
            return "made";
        }

        @Get("/nothing")
        @NonBlocking
        public String nothing() {
            return null;
        }

        @Get("/greet")
        @NonBlocking
        public String greet(@Query String name) {
            return "hello " + name;
        }
    }

    private static final String REQUESTS = String.join("",
            "GET /text HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /fresh HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /bytes HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /large HTTP/1.1\r\nHost: x\r\n\r\n",
            "HEAD /large HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /json HTTP/1.1\r\nHost: x\r\n\r\n",
            "HEAD /json HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /created HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /greet?name=ada HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /greet HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /text HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET /text HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    @Test
    void theClientGetsTheSameBytesWithAndWithoutAResponse() throws Exception {
        AtomicInteger observed = new AtomicInteger();
        ExchangeObserver counting = request -> {
            observed.incrementAndGet();
            return (r, response) -> { };
        };
        String direct;
        String made;
        try (GyreServer server = Gyre.builder().port(0).loops(1).docs(false).handlers(new Values()).start()) {
            direct = exchange(server.port());
        }
        try (GyreServer server = Gyre.builder().port(0).loops(1).docs(false).handlers(new Values())
                .observe(counting).start()) {
            made = exchange(server.port());
        }
        assertEquals(13, observed.get(), "the observer saw every request, so each answer there was a Response");
        assertEquals(made, direct);
        assertTrue(direct.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nServer: gyre\r\n"
                + "Content-Length: 13\r\n\r\nHello, World!HTTP/1.1 200 OK\r\n"), direct);
        assertTrue(direct.contains("HTTP/1.1 201 Created\r\n"), direct);
        assertTrue(direct.contains("HTTP/1.1 204 No Content\r\n"), direct);
        assertTrue(direct.contains("Content-Length: 40960\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json"),
                "HEAD: the length a GET would send, no body: " + direct);
        assertTrue(direct.contains("hello ada"), direct);
        assertTrue(direct.contains("HTTP/1.1 422 "), "a missing required query parameter still fails: " + direct);
        assertTrue(direct.contains("Connection: keep-alive\r\n\r\nHello, World!"), "HTTP/1.0 kept alive: " + direct);
        assertTrue(direct.endsWith("Connection: close\r\n\r\nHello, World!"), direct);
    }

    /** Sends every request in one write and reads until the server closes after the last; {@code Date} removed. */
    private static String exchange(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(REQUESTS.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1).replaceAll("Date: [^\r]*\r\n", "");
        }
    }
}
