package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.sample.browser.Chromium;
import dev.gyre.server.GyreServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sample app over HTTP/2: h2c by prior knowledge on its cleartext port and h2 by ALPN on its HTTPS port, every
 * route answered by curl, and headless Chromium loading a page over h2.
 */
class SampleHttp2Test {
    private static SelfSignedCertificate certificate;
    private static GyreServer server;
    private static int clear;
    private static int https;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.make();
        server = SampleApp.start(certificate.options());
        clear = server.addresses().get(0).getPort();
        https = server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void everyRouteAnswersOverH2cAndH2() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        for (String base : List.of("http://127.0.0.1:" + clear, "https://localhost:" + https)) {
            List<String> how = base.startsWith("https") ? List.of("--http2", "--cacert", certificate.cert().toString())
                    : List.of("--http2-prior-knowledge");
            assertEquals("Hello, World! 2 200", curl(how, base + "/plaintext"));
            assertEquals("{\"message\":\"Hello, World!\"} 2 200", curl(how, base + "/json"));
            assertEquals("hi there 2 200", curl(how, "--data-binary", "hi there", base + "/echo"));
            assertTrue(curl(how, base + "/threads/blocking").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/threads/nonblocking").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/threads/database").endsWith(" 2 200"));
            String created = curl(how, "-H", "Content-Type: application/json", "--data-binary",
                    "{\"name\":\"pen\",\"price\":2.5}", base + "/items");
            assertTrue(created.endsWith(" 2 201"), created);
            assertTrue(curl(how, base + "/items").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/items/999999").endsWith(" 2 404"));
            assertTrue(curl(how, base + "/openapi.json").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/docs").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/chat").endsWith(" 2 200"));
            assertTrue(curl(how, base + "/metrics").matches("(?s).* 2 (200|404)"));
            assertTrue(curl(how, "-X", "DELETE", base + "/items/999999").endsWith(" 2 404"));
            String events = curl(how, "-N", "--max-time", "2", base + "/events/clock");
            assertTrue(events.startsWith("id:") || events.contains("data:"), events);
        }
    }

    @Test
    @Timeout(60)
    void chromiumLoadsAPageOverH2() throws Exception {
        try (Chromium browser = Chromium.launch(List.of("--ignore-certificate-errors"))) {
            Chromium.Page page = browser.newPage();
            page.navigate("https://localhost:" + https + "/chat");
            page.waitFor("performance.getEntries().length > 0", Duration.ofSeconds(10));
            assertEquals("h2", page.evaluate("performance.getEntries()[0].nextHopProtocol").asText());
        }
    }

    /** curl's body and, after a space, the HTTP version and status (curl exits 28 on a stream cut by --max-time). */
    private static String curl(List<String> how, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-w", " %{http_version} %{http_code}"));
        command.addAll(how);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }
}
