package dev.gyre.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code curl} command line, as a second, independent client; tests using it are skipped without it. */
public final class Curl {
    private Curl() {
    }

    /** Runs {@code curl -sS --fail args} and returns what it wrote to standard output. */
    public static byte[] run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl;
        try {
            curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "curl is not installed");
            throw notInstalled;
        }
        byte[] out = curl.getInputStream().readAllBytes();
        if (!curl.waitFor(30, TimeUnit.SECONDS) || curl.exitValue() != 0) {
            curl.destroyForcibly();
            throw new AssertionError("curl failed: " + command);
        }
        return out;
    }
}
