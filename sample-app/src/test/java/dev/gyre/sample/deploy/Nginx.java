package dev.gyre.sample.deploy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real nginx from the system's packages in front of some upstream ports, with the configuration that
 * {@code docs/deployment.md} shows: keep-alive upstream connections, WebSocket upgrade passed through,
 * response buffering off (so server-sent events flow), and a failed idempotent request retried on the
 * next instance. Everything it writes (configuration, pid, logs, temporary files) stays in its own
 * directory; it runs in the foreground as the test's child and is stopped with SIGTERM on close.
 */
public final class Nginx implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private Nginx(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx on a free port; skipped outside CI when nginx is not installed (see {@link SystemTool}). */
    public static Nginx start(Path dir, List<Integer> upstreams) throws IOException, InterruptedException {
        Path nginx = SystemTool.require("nginx", "nginx", List.of(Path.of("/usr/sbin/nginx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = Processes.freePort();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), config(dir, port, upstreams));
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx started = new Nginx(dir, port, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("nginx exited " + p.exitValue() + ": " + Processes.tail(dir.resolve("nginx.out"))
                        + Processes.tail(dir.resolve("error.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return started;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        started.close();
        throw new IOException("nginx not listening on " + port + ": " + Processes.tail(dir.resolve("error.log")));
    }

    /** The configuration under test; {@code docs/deployment.md} shows the same directives. */
    static String config(Path dir, int port, List<Integer> upstreams) {
        String servers = upstreams.stream().map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    log_format upstream '$request $status upstream=$upstream_addr';
                    access_log %1$s/access.log upstream;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;

                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      '';
                    }
                    upstream gyre {
                %2$s
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://gyre;
                            proxy_http_version 1.1;
                            proxy_set_header Host $host;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_buffering off;
                            proxy_connect_timeout 2s;
                            proxy_read_timeout 1h;
                            proxy_next_upstream error timeout;
                            proxy_next_upstream_tries 3;
                        }
                    }
                }
                """.formatted(dir, servers, port);
    }

    public int port() {
        return port;
    }

    /** The access log so far: one line per request with the upstream address(es) it went to. */
    public String accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String errorLog() {
        return Processes.tail(dir.resolve("error.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
