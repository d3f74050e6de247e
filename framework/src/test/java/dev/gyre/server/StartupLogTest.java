package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The start-up line, read from a child JVM's stderr: once with slf4j-simple on the class path (which logs to
 * stderr), once without any SLF4J provider, where the framework itself must print the line and, once per JVM,
 * the dependency to add.
 */
class StartupLogTest {
    private static final Pattern LINE = Pattern.compile("Gyre serving http://127\\.0\\.0\\.1:\\d+: 1 loop, 1 route, "
            + "blocking handlers on a virtual thread each; up \\d+\\.\\d\\d s after the JVM started");

    /** One route, so that the line's count is known. */
    public static final class Hello {
        @Get("/hello")
        @NonBlocking
        public String hello() {
            return "hello";
        }
    }

    /** The child: starts and stops two servers on ephemeral ports, so that the hint's "once" is visible. */
    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            Gyre.builder().port(0).loops(1).handlers(new Hello()).start().stop(Duration.ZERO);
        }
    }

    @Test
    void withAProviderTheLineIsLoggedAtInfo() throws Exception {
        String err = runChild(System.getProperty("java.class.path"));
        List<String> lines = err.lines().filter(l -> LINE.matcher(l).find()).toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.getFirst().contains("INFO dev.gyre.server.GyreServer"), err);
        assertTrue(!err.contains(StartupLog.PROVIDER_HINT), err);
    }

    @Test
    void withoutAProviderTheLineGoesToStderrAndTheHintOnce() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        String err = runChild(classPath);
        assertEquals(2, err.lines().filter(l -> LINE.matcher(l).matches()).count(), err);
        assertEquals(1, err.lines().filter(StartupLog.PROVIDER_HINT::equals).count(), err);
    }

    @Test
    void manyLoopsAndRoutesArePlural() {
        assertEquals("Gyre serving http://[::1]:80: 4 loops, 12 routes, blocking handlers on 8 platform threads",
                StartupLog.line("http://[::1]:80", 4, 12, "8 platform threads", null));
    }

    private static String runChild(String classPath) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, StartupLogTest.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not end");
        assertEquals(0, child.exitValue(), err);
        return err;
    }
}
