package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.conscrypt.Conscrypt;

/**
 * Certificates made with {@code openssl} when the tests start, in a temporary folder, once per JVM:
 * <ul>
 *   <li>{@code localhost}: EC P-256, self-signed, names {@code localhost} and {@code 127.0.0.1};</li>
 *   <li>{@code other}: RSA 2048, self-signed, names {@code other.test} and {@code *.wild.test};</li>
 *   <li>{@code ca} and {@code client}: an authority and a client certificate it signed (mutual TLS);</li>
 *   <li>{@code localhost.p12}: the localhost pair as PKCS#12 with password {@code secret};</li>
 *   <li>{@code rsa-traditional.pem}: the RSA key in the old {@code BEGIN RSA PRIVATE KEY} form.</li>
 * </ul>
 *
 * <p>Every {@link Tls} made here runs on the JSSE provider the system property {@value #PROVIDER_PROPERTY}
 * names: {@code jdk} (the default) or {@code conscrypt}. The build runs the TLS tests whose outcome rests on
 * the provider once more with {@code conscrypt} (the {@code conscrypt-tls} execution in the framework's pom).
 */
public final class TestCerts {
    public static final String PROVIDER_PROPERTY = "gyre.test.tls.provider";
    public static final Path DIR = make();

    private TestCerts() {
    }

    public static Path cert(String name) {
        return DIR.resolve(name + ".pem");
    }

    public static Path key(String name) {
        return DIR.resolve(name + "-key.pem");
    }

    public static Tls tls(String name) {
        return onTestedProvider(Tls.pem(cert(name), key(name)));
    }

    /** {@code tls} on the provider this run tests. */
    public static Tls onTestedProvider(Tls tls) {
        return conscrypt() ? tls.provider(Conscrypt.newProvider()) : tls;
    }

    /** Whether this run tests Conscrypt rather than the JDK's provider. */
    public static boolean conscrypt() {
        String provider = System.getProperty(PROVIDER_PROPERTY, "jdk");
        return switch (provider) {
            case "jdk" -> false;
            case "conscrypt" -> true;
            default -> throw new IllegalArgumentException(PROVIDER_PROPERTY + " is jdk or conscrypt, not " + provider);
        };
    }

    /** A client context that trusts exactly the certificate {@code name}. */
    public static SSLContext trusting(String name) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(name, read(cert(name)));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Path make() {
        Commands.assumeInstalled("openssl");
        try {
            Path dir = Files.createTempDirectory("gyre-tls-");
            dir.toFile().deleteOnExit();
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "localhost-key.pem", "-out", "localhost.pem", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-key.pem",
                    "-out", "other.pem", "-days", "2", "-subj", "/CN=other.test",
                    "-addext", "subjectAltName=DNS:other.test,DNS:*.wild.test");
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA");
            openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "client-key.pem", "-out", "client.csr", "-subj", "/CN=client");
            openssl(dir, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", "client.pem", "-days", "2");
            openssl(dir, "pkcs12", "-export", "-in", "localhost.pem", "-inkey", "localhost-key.pem",
                    "-out", "localhost.p12", "-passout", "pass:secret", "-name", "localhost");
            openssl(dir, "pkcs12", "-export", "-in", "client.pem", "-inkey", "client-key.pem",
                    "-out", "client.p12", "-passout", "pass:secret", "-name", "client");
            openssl(dir, "rsa", "-in", "other-key.pem", "-traditional", "-out", "rsa-traditional.pem");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
    }
}
