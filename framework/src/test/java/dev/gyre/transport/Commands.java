package dev.gyre.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line clients (openssl, curl) as independent TLS peers; tests using one skip without it. */
final class Commands {
    private Commands() {
    }

    /** What a command printed (standard output and error together) and how it ended. */
    record Result(int exit, String output) {
    }

    static void assumeInstalled(String command) {
        try {
            Process p = new ProcessBuilder(command, "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, command + " is not installed");
        }
    }

    /** Runs {@code command} with {@code stdin} as its input; fails the test when it takes more than 30 s. */
    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), "");
    }
}
