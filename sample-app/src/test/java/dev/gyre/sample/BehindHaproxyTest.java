package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.sample.deploy.AppInstance;
import dev.gyre.sample.deploy.Haproxy;
import dev.gyre.sample.deploy.Processes;
import dev.gyre.sample.deploy.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample app with {@code --proxy-protocol} behind a real HAProxy, as {@code docs/deployment.md} sets it
 * up: through the HTTP frontend ({@code send-proxy}, version 1) and the TCP one ({@code send-proxy-v2}),
 * {@code GET /client} names the test's own address and port, not HAProxy's; the test connects from
 * 127.0.0.2 so the two differ (HAProxy connects to the app from 127.0.0.1). A connection to the PROXY port
 * that skips the header is closed unanswered. Skipped outside CI when HAProxy is missing, failed in CI.
 */
class BehindHaproxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Workspace workspace;

    @AfterEach
    void cleanUp() throws Exception {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void haproxyV1AndV2NameTheClientToTheApp() throws Exception {
        workspace = Workspace.create("gyre-haproxy");
        int proxyPort = Processes.freePort();
        AppInstance app = workspace.own(new AppInstance(Processes.freePort(), workspace.dir().resolve("app.log"),
                List.of("--proxy-protocol", Integer.toString(proxyPort))));
        app.start();
        Haproxy haproxy = workspace.own(Haproxy.start(workspace.dir(), proxyPort, app.port()));

        for (int frontend : List.of(haproxy.httpPort(), haproxy.tcpPort())) {
            List<String> answers = awaitServed(frontend);
            for (String answer : answers) {
                JsonNode client = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("127.0.0.2", client.get("address").asText(), answer + haproxy.output());
                assertTrue(client.get("port").asInt() > 0, answer);
                assertEquals("http", client.get("scheme").asText(), answer);
            }
        }

        try (Socket direct = new Socket("127.0.0.1", proxyPort)) {
            direct.setSoTimeout(20_000);
            direct.getOutputStream().write("GET /client HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("", read(direct.getInputStream()), "no PROXY header: closed unanswered");
        }
    }

    /** Two keep-alive requests through a frontend from 127.0.0.2, retried until HAProxy's check finds the app up. */
    private static List<String> awaitServed(int frontend) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress("127.0.0.2", 0));
                socket.connect(new InetSocketAddress("127.0.0.1", frontend), 5_000);
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                String request = "GET /client HTTP/1.1\r\nHost: gyre.test\r\n\r\n";
                out.write((request + request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                last = read(socket.getInputStream());
                String[] answers = last.split("(?=HTTP/1.1 )");
                if (answers.length == 2 && answers[0].startsWith("HTTP/1.1 200") && answers[1].startsWith("HTTP/1.1 200")) {
                    String port = "\"port\":" + socket.getLocalPort();
                    assertTrue(answers[0].contains(port) && answers[1].contains(port), last);
                    return List.of(answers);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not served through port " + frontend + ": " + last);
    }

    private static String read(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }
}
