package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A self-signed EC certificate for {@code localhost}, made with openssl as docs/tls.md says; skips without it. */
record SelfSignedCertificate(Path cert, Path key) {

    static SelfSignedCertificate make() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("gyre-sample-tls-");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "openssl is not installed");
            throw notInstalled;
        }
        openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor());
        return new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    /** The sample app's options for a cleartext and an HTTPS listener on free ports with this certificate. */
    SampleApp.Options options() {
        return SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1", "--https-port", "0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString()}, null);
    }
}
