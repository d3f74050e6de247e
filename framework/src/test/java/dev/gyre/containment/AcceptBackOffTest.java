package dev.gyre.containment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of file descriptors, the listener pauses instead of spinning: a child JVM runs a server under
 * {@code prlimit --nofile}, this test connects more clients than it can accept, and then checks that the
 * log says so once per episode (not once per turn of the loop) and that service resumes by itself once
 * the clients let go.
 */
class AcceptBackOffTest {
    private static final int DESCRIPTOR_LIMIT = 200;
    private static final int CLIENTS = 400;

    @Test
    void acceptPausesLogsOnceAndResumes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process child = new ProcessBuilder("prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", childClassPath(), LowDescriptorServer.class.getName())
                .redirectError(log.toFile())
                .start();
        List<Socket> clients = new ArrayList<>();
        try {
            int port = readPort(child);
            // a server that has served before: classes that load lazily cannot load without a descriptor
            assertEquals("ok", getOk(port));
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                clients.add(s);
            }
            Thread.sleep(3_500);
            String during = Files.readString(log);
            assertEquals(1, count(during, "pausing accepts"), during);
            assertTrue(count(during, "accept") < 10, "the log stays short while accepts fail:\n" + during);

            for (Socket s : clients) {
                s.close();
            }
            clients.clear();
            assertEquals("ok", getOk(port), () -> "served again once descriptors are free:\n" + read(log));
            String after = awaitLogLine(log, "(?s).*accepting on \\S+ again after \\d+ failed attempts.*");
            assertEquals(1, count(after, "pausing accepts"), after);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Gyre's classes and slf4j only: every jar on a class path costs the child a descriptor once a lookup
     * reaches it, so the test's whole class path (Micrometer, OpenTelemetry, the SDK's testing jars…)
     * would leave the server a different, smaller budget than the one this test is about.
     */
    private static String childClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("classes") || entry.contains("slf4j"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int readPort(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("PORT "), "child printed " + line);
        return Integer.parseInt(line.substring(5).trim());
    }

    /** Retries for a while: the connections freed are closed by the server as it reads their end. */
    private static String getOk(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (RawClient client = new RawClient(port)) {
                String response = client.get("/ok");
                if (response.startsWith("HTTP/1.1 200")) {
                    return response.substring(response.length() - 2);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                return "not served";
            }
            Thread.sleep(100);
        }
    }

    /** The log once it matches {@code pattern}: the episode's end is logged after a quiet period. */
    private static String awaitLogLine(Path log, String pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String text = Files.readString(log);
        while (!text.matches(pattern) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            text = Files.readString(log);
        }
        assertTrue(text.matches(pattern), text);
        return text;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
