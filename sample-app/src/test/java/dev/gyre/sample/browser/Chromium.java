package dev.gyre.sample.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, for end-to-end tests of pages the server serves.
 * No browser download is possible in our builds, so this drives the system's {@code chromium} package with the
 * JDK's own {@link WebSocket} instead of Playwright or Selenium.
 *
 * <pre>{@code
 * try (Chromium browser = Chromium.launch()) {
 *     Chromium.Page page = browser.newPage();
 *     page.navigate(server.url() + "/docs");
 *     page.waitFor("document.querySelectorAll('.opblock').length > 0", Duration.ofSeconds(10));
 *     page.click("#operations-HelloApi-HelloApi_json .opblock-summary-control");
 * }
 * }</pre>
 *
 * <p>The browser talks to the browser-level DevTools endpoint it prints on start-up, with pages attached in
 * flat mode (one socket, commands tagged with a session id). Every wait is bounded; {@link #close()} kills the
 * browser and its child processes and removes its profile folder, so a failing test leaves nothing running.
 * {@link #launch()} fails, rather than skips, when Chromium is not installed: the test would otherwise pass by
 * testing nothing.
 */
public final class Chromium implements AutoCloseable {
    /** Where Chromium is looked for, unless the {@code CHROMIUM} environment variable names it. */
    private static final List<String> EXECUTABLES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, URI endpoint) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(COMMAND_TIMEOUT)
                .buildAsync(endpoint, new Listener()).join();
    }

    /** Starts a headless browser; fails with an install hint when there is none. */
    public static Chromium launch() throws IOException {
        return launch(List.of());
    }

    /**
     * Starts a headless browser with extra command-line flags, e.g. {@code --ignore-certificate-errors} for a
     * server with a self-signed certificate.
     */
    public static Chromium launch(List<String> flags) throws IOException {
        String executable = executable();
        Path profile = Files.createTempDirectory("gyre-chromium-");
        List<String> command = new java.util.ArrayList<>(List.of(executable, "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--remote-debugging-port=0"));
        command.addAll(flags);
        command.add("about:blank");
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return new Chromium(process, profile, endpoint(process));
        } catch (RuntimeException | IOException e) {
            kill(process);
            deleteQuietly(profile);
            throw e;
        }
    }

    private static String executable() {
        String configured = System.getenv("CHROMIUM");
        Stream<String> candidates = configured != null ? Stream.of(configured) : EXECUTABLES.stream();
        return candidates.filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium is needed for the browser tests and was not "
                        + "found at " + (configured != null ? configured : EXECUTABLES) + ". Install it with "
                        + "`apt-get update && apt-get install -y chromium` (.ci/run does), or point CHROMIUM at it."));
    }

    /** Reads stderr until Chromium says where DevTools listens, then keeps draining it so the browser never blocks. */
    private static URI endpoint(Process process) throws IOException {
        CompletableFuture<URI> found = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (!found.isDone() && line.startsWith("DevTools listening on ") && at >= 0) {
                        found.complete(URI.create(line.substring(at).strip()));
                    } else if (!found.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
                found.completeExceptionally(new IOException("Chromium exited before DevTools listened:\n" + seen));
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("Chromium did not start DevTools within " + START_TIMEOUT + ":\n" + seen, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting Chromium", e);
        }
    }

    /** Opens a new tab on {@code about:blank}. */
    public Page newPage() {
        String targetId = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
        Page page = new Page(session);
        page.command("Page.enable", Map.of());
        page.command("Runtime.enable", Map.of());
        return page;
    }

    /** Sends one command and waits for its result; a protocol error or a timeout fails the caller. */
    private JsonNode send(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + COMMAND_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
        kill(process);
        deleteQuietly(profile);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a profile left in the temp folder is harmless; the browser is already gone
        }
    }

    /** Completes the pending command each reply answers; events are not needed and are dropped. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.get(message.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(reply -> reply.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }

    /** One tab. Its methods block the calling thread until the browser answers, each within a bounded time. */
    public final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        private JsonNode command(String method, Map<String, Object> params) {
            return send(session, method, params);
        }

        /** Starts loading {@code url}; wait for what the page should show with {@link #waitFor}. */
        public void navigate(String url) {
            JsonNode result = command("Page.navigate", Map.of("url", url));
            if (result.hasNonNull("errorText")) {
                throw new IllegalStateException("cannot open " + url + ": " + result.get("errorText").asText());
            }
        }

        /** The value of a JavaScript expression, awaited if it is a promise, as JSON. */
        public JsonNode evaluate(String expression) {
            JsonNode result = command("Runtime.evaluate",
                    Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /**
         * Evaluates {@code expression} every 100 ms until it is truthy, and returns that value.
         *
         * @throws AssertionError when it is not within {@code timeout}, with the page's text for the failure report
         */
        public JsonNode waitFor(String expression, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode value = evaluate(expression);
                if (truthy(value)) {
                    return value;
                }
                if (System.nanoTime() > deadline) {
                    String text = evaluate("document.body ? document.body.innerText.slice(0, 2000) : ''").asText();
                    throw new AssertionError("still not true after " + timeout + ": " + expression
                            + "\npage text:\n" + text);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + expression, e);
                }
            }
        }

        /** Clicks the first element matching the CSS selector, failing if there is none. */
        public void click(String selector) {
            String quoted = JSON.valueToTree(selector).toString();
            boolean clicked = evaluate("(() => { const e = document.querySelector(" + quoted + ");"
                    + " if (!e) return false; e.scrollIntoView(); e.click(); return true; })()").asBoolean();
            if (!clicked) {
                throw new AssertionError("nothing to click at " + selector);
            }
        }

        /**
         * Types {@code value} into the first input matching the CSS selector as a person would, so that a React
         * page (Swagger UI) sees the change: the value is set through the element's own setter and an
         * {@code input} event is sent.
         */
        public void fill(String selector, String value) {
            String quoted = JSON.valueToTree(selector).toString();
            boolean filled = evaluate("(() => { const e = document.querySelector(" + quoted + ");"
                    + " if (!e) return false;"
                    + " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(e, "
                    + JSON.valueToTree(value) + ");"
                    + " e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()").asBoolean();
            if (!filled) {
                throw new AssertionError("no input to fill at " + selector);
            }
        }

        private static boolean truthy(JsonNode value) {
            return !(value == null || value.isMissingNode() || value.isNull()
                    || value.isBoolean() && !value.asBoolean()
                    || value.isNumber() && value.asDouble() == 0
                    || value.isTextual() && value.asText().isEmpty());
        }
    }
}
