package dev.gyre.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.GyreServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server in a child JVM, for tests that need JVM options of their own (a small heap): the child's
 * {@code main} calls {@link #serveUntilStdinCloses}, and {@link #close()} ends it, waiting up to 20 s.
 */
public final class ChildServer implements AutoCloseable {
    private static final String PORT = "port=";

    private final Process process;
    private final int port;

    private ChildServer(Process process) throws IOException {
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        while (line != null && !line.startsWith(PORT)) {
            line = out.readLine();
        }
        assertTrue(line != null, "the child printed its port");
        this.port = Integer.parseInt(line.substring(PORT.length()));
    }

    /** Starts {@code main} in a JVM with these options and this test's class path; its stderr is discarded. */
    public static ChildServer start(Class<?> main, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return new ChildServer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** In the child: prints the port for the parent, serves until the parent closes stdin, then stops. */
    public static void serveUntilStdinCloses(GyreServer server) throws IOException {
        System.out.println(PORT + server.port());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        server.stop();
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
