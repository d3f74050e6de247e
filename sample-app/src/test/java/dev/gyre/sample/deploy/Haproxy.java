package dev.gyre.sample.deploy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy from the system's packages in front of one sample-app instance, with the configuration that
 * {@code docs/deployment.md} shows: an HTTP frontend whose server line sends the PROXY protocol version 1
 * ({@code send-proxy}), a TCP frontend that sends version 2 ({@code send-proxy-v2}), both to the instance's
 * {@code --proxy-protocol} port, and health checks on its plain port. It runs in the foreground as the test's
 * child, writing only into its own directory, and is stopped with SIGTERM on close.
 */
public final class Haproxy implements AutoCloseable {
    private final Path dir;
    private final int httpPort;
    private final int tcpPort;
    private final Process process;

    private Haproxy(Path dir, int httpPort, int tcpPort, Process process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.process = process;
    }

    /**
     * Starts HAProxy on two free ports in front of {@code proxyPort} (PROXY protocol) with checks on
     * {@code plainPort}; skipped outside CI when HAProxy is not installed (see {@link SystemTool}).
     */
    public static Haproxy start(Path dir, int proxyPort, int plainPort) throws IOException, InterruptedException {
        Path haproxy = SystemTool.require("haproxy", "haproxy", List.of(Path.of("/usr/sbin/haproxy")));
        int http = Processes.freePort();
        int tcp = Processes.freePort();
        Path conf = Files.writeString(dir.resolve("haproxy.cfg"), config(http, tcp, proxyPort, plainPort));
        Process p = new ProcessBuilder(haproxy.toString(), "-db", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.out").toFile()).start();
        Haproxy started = new Haproxy(dir, http, tcp, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("haproxy exited " + p.exitValue() + ": " + started.output());
            }
            try (Socket a = new Socket("127.0.0.1", http); Socket b = new Socket("127.0.0.1", tcp)) {
                return started;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        started.close();
        throw new IOException("haproxy not listening on " + http + " and " + tcp + ": " + started.output());
    }

    /** The configuration under test; {@code docs/deployment.md} shows the same directives. */
    static String config(int http, int tcp, int proxyPort, int plainPort) {
        return """
                global
                    maxconn 256

                defaults
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s

                frontend web
                    mode http
                    bind 127.0.0.1:%1$d
                    option http-keep-alive
                    default_backend gyre_http

                backend gyre_http
                    mode http
                    option httpchk
                    http-check send meth GET uri /health/ready
                    server app1 127.0.0.1:%3$d send-proxy check port %4$d inter 1s

                frontend stream
                    mode tcp
                    bind 127.0.0.1:%2$d
                    default_backend gyre_tcp

                backend gyre_tcp
                    mode tcp
                    option httpchk
                    http-check send meth GET uri /health/ready
                    server app1 127.0.0.1:%3$d send-proxy-v2 check port %4$d inter 1s
                """.formatted(http, tcp, proxyPort, plainPort);
    }

    /** The HTTP frontend (PROXY protocol version 1 to the instance). */
    public int httpPort() {
        return httpPort;
    }

    /** The TCP frontend (PROXY protocol version 2 to the instance). */
    public int tcpPort() {
        return tcpPort;
    }

    public String output() {
        return Processes.tail(dir.resolve("haproxy.out"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
