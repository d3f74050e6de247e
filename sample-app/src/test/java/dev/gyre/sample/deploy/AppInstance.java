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
 * same port, with a drain delay of {@link #DRAIN_DELAY}: after SIGTERM it answers {@code /health/ready}
 * with 503 while it still serves, then stops accepting. Its output is appended to a log file across
 * restarts. Small heap and C1 only, so several fit on a loaded machine.
 */
public final class AppInstance implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The instance's {@code --drain-delay}, long enough to be seen by a probe on a loaded machine. */
    public static final Duration DRAIN_DELAY = Duration.ofSeconds(2);

    private final int port;
    private final Path log;
    private final List<String> options;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public AppInstance(int port, Path log) {
        this(port, log, List.of());
    }

    /** With more command-line {@code options} for the sample app, after the ones every instance gets. */
    public AppInstance(int port, Path log, List<String> options) {
        this.port = port;
        this.log = log;
        this.options = List.copyOf(options);
    }

    public int port() {
        return port;
    }

    /** Starts the JVM and returns once {@code GET /health/ready} answers 200 on its port. */
    public void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.gyre.sample.SampleApp",
                "--port", Integer.toString(port), "--loops", "1", "--drain-delay", Long.toString(DRAIN_DELAY.toSeconds())));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("instance on " + port + " exited " + process.exitValue() + ": " + Processes.tail(log));
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("instance on " + port + " not serving after " + READY_TIMEOUT + ": " + Processes.tail(log));
    }

    /**
     * SIGTERM, then waits for the process to end; fails if readiness did not answer 503 while it drained,
     * or if it has not ended within {@code grace}.
     */
    public void terminate(Duration grace) throws IOException, InterruptedException {
        process.destroy();
        boolean unready = false;
        long deadline = System.nanoTime() + DRAIN_DELAY.toNanos();
        while (!unready && System.nanoTime() < deadline && process.isAlive()) {
            unready = readiness() == 503;
            Thread.sleep(20);
        }
        if (!unready) {
            throw new IOException("instance on " + port + " never answered 503 on /health/ready after SIGTERM: "
                    + Processes.tail(log));
        }
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("instance on " + port + " still running " + grace + " after SIGTERM: " + Processes.tail(log));
        }
    }

    /** The status of {@code GET /health/ready}, or 0 when the instance does not answer. */
    private int readiness() {
        try {
            return probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
