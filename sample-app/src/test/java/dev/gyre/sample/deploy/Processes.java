package dev.gyre.sample.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process and file chores the deployment tests share. */
public final class Processes {
    private Processes() {
    }

    /**
     * Runs a command to its end in {@code dir}, output into {@code log}; fails with the log's tail if
     * it exits non-zero or takes longer than {@code seconds}.
     */
    public static void run(Path dir, Path log, int seconds, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took longer than " + seconds + " s; " + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + "; " + tail(log));
        }
    }

    /** A port that was free a moment ago, for programs that cannot be told to take port 0. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The last 2,000 characters of a log file, to put in a failure message. */
    public static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Deletes a directory tree, best effort: a test's leftovers must not fail it. */
    public static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the OS's temp cleaner; nothing a test can do about it
        }
    }
}
