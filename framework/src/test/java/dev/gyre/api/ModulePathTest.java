package dev.gyre.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * An application module on the module path, as a user of the named module {@code dev.gyre} builds it:
 * compiled here with {@code javac} against the framework's classes and started in its own JVM with
 * {@code java --module-path … -m}. Its handlers bind when their package is exported or opened to
 * {@code dev.gyre}; a closed package fails the start with the line to add.
 */
class ModulePathTest {
    private static final String MODULE = """
            module example.app {
                requires dev.gyre;
                exports example.app.pub;
                opens example.app.api to dev.gyre;
            }
            """;
    private static final String PUBLIC_API = """
            package example.app.pub;

            import dev.gyre.handler.Get;
            import dev.gyre.handler.NonBlocking;
            import dev.gyre.handler.Path;

            @Path("/public")
            public final class PublicApi {
                @Get("") @NonBlocking
                public String hello() { return "exported"; }
            }
            """;
    private static final String OPENED_API = """
            package example.app.api;

            import dev.gyre.handler.Get;
            import dev.gyre.handler.Path;
            import dev.gyre.handler.PathParam;
            import dev.gyre.handler.Query;

            @Path("/hello")
            public final class HelloApi {
                @Get("/{name}")
                public String hello(@PathParam String name, @Query int times) { return ("hello " + name).repeat(times); }
            }
            """;
    private static final String CLOSED_API = """
            package example.app.closed;

            import dev.gyre.handler.Get;

            public final class ClosedApi {
                @Get("/closed")
                public String closed() { return "never"; }
            }
            """;
    private static final String MAIN = """
            package example.app;

            import dev.gyre.server.Gyre;
            import dev.gyre.server.GyreServer;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    Object handler = args[0].equals("closed") ? new example.app.closed.ClosedApi()
                            : new example.app.api.HelloApi();
                    GyreServer server;
                    try {
                        server = Gyre.builder().port(0).loops(1)
                                .handlers(new example.app.pub.PublicApi(), handler).start();
                    } catch (RuntimeException e) {
                        System.out.println("failed: " + e.getMessage());
                        return;
                    }
                    System.out.println("port=" + server.port());
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                    server.stop();
                }
            }
            """;

    @TempDir
    static Path dir;
    private static String modulePath;

    @BeforeAll
    static void compileTheApplication() throws IOException, InterruptedException {
        String gyre = location(Gyre.class) + File.pathSeparator + location(Logger.class);
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), MODULE);
        write(src.resolve("example/app/pub/PublicApi.java"), PUBLIC_API);
        write(src.resolve("example/app/api/HelloApi.java"), OPENED_API);
        write(src.resolve("example/app/closed/ClosedApi.java"), CLOSED_API);
        write(src.resolve("example/app/Main.java"), MAIN);
        Path out = dir.resolve("out");
        List<String> javac = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", out.toString(), "--module-path", gyre, "-parameters"));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        Process compile = new ProcessBuilder(javac).redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, compile.waitFor(), "javac compiled the application module: " + log);
        modulePath = out + File.pathSeparator + gyre;
    }

    @Test
    void handlersInExportedAndOpenedPackagesBind() throws Exception {
        Process app = start("open");
        try {
            String first = firstLine(app);
            assertTrue(first.startsWith("port="), first);
            int port = Integer.parseInt(first.substring("port=".length()));
            assertEquals("exported", get(port, "/public"));
            assertEquals("hello worldhello world", get(port, "/hello/world?times=2"));
        } finally {
            app.getOutputStream().close();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void aClosedPackageFailsTheStartNamingTheLineToAdd() throws Exception {
        Process app = start("closed");
        String first = firstLine(app);
        assertTrue(app.waitFor(20, TimeUnit.SECONDS));
        assertTrue(first.startsWith("failed: "), first);
        assertTrue(first.contains("ClosedApi#closed"), first);
        assertTrue(first.contains("'opens example.app.closed to dev.gyre;'"), first);
    }

    private static Process start(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--module-path", modulePath, "-m", "example.app/example.app.Main", mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process app) throws IOException {
        var out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        return line == null ? "(nothing; exit " + app.exitValue() + ")" : line;
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
