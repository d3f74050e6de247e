package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.GyreServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the HTTP/1.1 conformance probe (232 cases from public parser test suites; see
 * {@code src/test/conformance/README.md}) against the sample app over real sockets: every case must
 * end in an outcome the RFCs allow. Needs {@code python3}, which {@code .ci/run} installs when missing.
 */
class ConformanceProbeTest {

    @Test
    void everyCaseOfTheProbePasses() throws Exception {
        Path probe = Path.of("src/test/conformance/h1probe.py").toAbsolutePath();
        assertTrue(Files.exists(probe), "the probe is vendored at " + probe);
        GyreServer server = SampleApp.start(new SampleApp.Options(0, 2, 0));
        try {
            Process p = new ProcessBuilder("python3", probe.toString(), "--port", String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe finished");
            String last = output.strip().lines().reduce((a, b) -> b).orElse("");
            assertEquals(0, p.exitValue(), output);
            assertTrue(last.matches("\\d+ passed, 0 failed"), last);
        } finally {
            server.stop();
        }
    }
}
