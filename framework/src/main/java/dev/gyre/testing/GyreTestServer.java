package dev.gyre.testing;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A real Gyre server for one test: bound to {@code 127.0.0.1} on a free port, with a {@link TestClient}
 * pointed at it. Closing it stops the server and the client.
 *
 * <pre>{@code
 * try (GyreTestServer server = GyreTestServer.start(new ItemsApi())) {
 *     assertEquals(404, server.client().get("/items/42").statusCode());
 * }
 * }</pre>
 * With JUnit 5, {@link GyreExtension} does the starting and stopping. To replace one of the application's
 * providers for this server only (FastAPI's {@code app.dependency_overrides}), override it after the
 * application's own configuration:
 * <pre>{@code
 * try (GyreTestServer server = GyreTestServer.start(b -> App.configure(b)
 *         .override(Clock.class, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)))) { … }
 * }</pre>
 */
public final class GyreTestServer implements AutoCloseable {
    /** How long {@link #close()} lets requests still under way finish. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final GyreServer server;
    private final TestClient client;

    private GyreTestServer(GyreServer server) {
        this.server = server;
        this.client = new TestClient(server.url());
    }

    /** Starts a server routing to {@code handlers}, with every other setting at its default. */
    public static GyreTestServer start(Object... handlers) {
        return start(builder -> builder.handlers(handlers));
    }

    /**
     * Starts a server configured by {@code configure} (handlers, providers, filters, limits …); host and
     * port are set to {@code 127.0.0.1:0} first, so a test never collides with a running service.
     */
    public static GyreTestServer start(Consumer<Gyre.Builder> configure) {
        Gyre.Builder builder = Gyre.builder().host("127.0.0.1").port(0);
        Objects.requireNonNull(configure, "configure").accept(builder);
        return new GyreTestServer(builder.start());
    }

    public GyreServer server() {
        return server;
    }

    public TestClient client() {
        return client;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        client.close();
        server.stop(STOP_GRACE);
    }
}
