package dev.gyre.middleware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three standard access-log formats, as written for requests over a raw socket through a trusted
 * proxy: the fields, the escaping of what a client sent, and the thread that writes them.
 */
class AccessLogFormatsTest {

    public static final class Routes {
        @Get("/items/{id}")
        @NonBlocking
        public String item(@PathParam long id) {
            return "item " + id;
        }
    }

    private static void send(GyreServer server, String method, String userAgent) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " /items/42?x=1 HTTP/1.1\r\nHost: shop.example\r\nX-Forwarded-For: 203.0.113.7\r\n"
                    + "X-Request-Id: trace-me-1\r\nReferer: https://ref.example/a\r\nUser-Agent: " + userAgent
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    private static String logged(AccessLogFormat format, String userAgent) throws Exception {
        return logged(format, "GET", userAgent);
    }

    private static String logged(AccessLogFormat format, String method, String userAgent) throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .trustedProxies(TrustedProxies.of("127.0.0.1"))
                .filter(new RequestIdFilter()).filter(AccessLog.of(format)).start();
        try (LogCapture log = LogCapture.start()) {
            send(server, method, userAgent);
            return log.await(t -> t.contains("dev.gyre.access"), Duration.ofSeconds(10)).lines()
                    .filter(l -> l.contains("dev.gyre.access")).findFirst().orElse("");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void commonFormatGivesTheProxiedClientAndNoReferer() throws Exception {
        String line = logged(AccessLogFormat.COMMON, "curl/8.5");
        assertTrue(Pattern.compile("\\[gyre-access-log] INFO dev\\.gyre\\.access - 203\\.0\\.113\\.7 - - "
                + "\\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] \"GET /items/42\\?x=1 HTTP/1\\.1\" 200 7$")
                .matcher(line).find(), line);
    }

    @Test
    void combinedFormatAddsRefererAndAnEscapedUserAgent() throws Exception {
        String line = logged(AccessLogFormat.COMBINED, "evil\" 200 1 \"x");
        assertTrue(line.endsWith("\"GET /items/42?x=1 HTTP/1.1\" 200 7 \"https://ref.example/a\" "
                + "\"evil\\\" 200 1 \\\"x\""), line);
        assertTrue(line.contains("[gyre-access-log]"), "written off the loop: " + line);
    }

    @Test
    void jsonFormatIsOneObjectWithTheRouteTemplate() throws Exception {
        String line = logged(AccessLogFormat.JSON, "agent \"q\"");
        String json = line.substring(line.indexOf('{'));
        assertTrue(Pattern.compile("^\\{\"time\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\",\"client\":\"203\\.0\\.113\\.7\","
                + "\"method\":\"GET\",\"target\":\"/items/42\\?x=1\",\"route\":\"/items/\\{id}\",\"protocol\":\"HTTP/1\\.1\","
                + "\"status\":200,\"bytes\":7,\"duration_ms\":\\d+\\.\\d{3},\"host\":\"shop\\.example\",\"scheme\":\"http\","
                + "\"referer\":\"https://ref\\.example/a\",\"user_agent\":\"agent \\\\\"q\\\\\"\",\"request_id\":\"trace-me-1\"}$")
                .matcher(json).find(), json);
    }

    @Test
    void aHeadAnswerIsLoggedWithNoBodyBytes() throws Exception {
        String common = logged(AccessLogFormat.COMMON, "HEAD", "curl/8.5");
        assertTrue(common.endsWith("\"HEAD /items/42?x=1 HTTP/1.1\" 200 -"), common);
        String json = logged(AccessLogFormat.JSON, "HEAD", "curl/8.5");
        assertTrue(json.contains("\"status\":200,\"bytes\":0,"), json);
    }

    /** NEL (0x85) and friends end a line for some log readers; UTF-8 bytes are named, not re-encoded. */
    @Test
    void jsonEscapesEveryByteOutsidePrintableAscii() throws Exception {
        String json = logged(AccessLogFormat.JSON, "a\tb\u0085c \u00e2\u0080\u00a8 \u00e9");
        assertTrue(json.contains("\"user_agent\":\"a\\u0009b\\u0085c \\u00e2\\u0080\\u00a8 \\u00e9\""), json);
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
    }
}
