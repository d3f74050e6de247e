package dev.gyre.sample.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sample-app instance in a child JVM on a fixed port, as a process manager would run it: started,
 * stopped with SIGTERM (which the app answers with its graceful {@code stop}), and started again on the
 * same port. Its output is appended to a log file across restarts. Small heap and C1 only, so several
 * fit on a loaded machine.
 */
public final class AppInstance implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path log;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public AppInstance(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    /** Starts the JVM and returns once it answers {@code GET /plaintext} on its port. */
    public void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.gyre.sample.SampleApp",
                "--port", Integer.toString(port), "--loops", "1"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("instance on " + port + " exited " + process.exitValue() + ": " + Processes.tail(log));
            }
            if (answers()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("instance on " + port + " not serving after " + READY_TIMEOUT + ": " + Processes.tail(log));
    }

    /** SIGTERM, then waits for the process to end; fails if it has not ended within {@code grace}. */
    public void terminate(Duration grace) throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("instance on " + port + " still running " + grace + " after SIGTERM: " + Processes.tail(log));
        }
    }

    private boolean answers() {
        try {
            HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plaintext"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
