package dev.gyre.testing;

import dev.gyre.inject.Provider;
import dev.gyre.server.Gyre;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs a {@link GyreTestServer} around a test class or each test method.
 *
 * <pre>{@code
 * class ItemsApiTest {
 *     @RegisterExtension
 *     static final GyreExtension gyre = GyreExtension.of(new ItemsApi());   // one server per class
 *
 *     @Test
 *     void unknownItemIs404() {
 *         assertEquals(404, gyre.client().get("/items/42").statusCode());
 *     }
 * }
 * }</pre>
 * Registered on a {@code static} field, one server serves the whole class; on an instance field, each
 * test gets a fresh server (fresh in-memory state, at the price of a start per test, a few ms).
 *
 * <p>{@link #override} replaces a provider of the application for this extension's server only, e.g. a
 * fake clock or repository, or a current user without a login:
 * <pre>{@code
 * @RegisterExtension
 * static final GyreExtension gyre = GyreExtension.with(App::configure)
 *         .override(CurrentUser.class, scope -> new CurrentUser("alice"));
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (Gyre declares it optional).
 */
public final class GyreExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final Consumer<Gyre.Builder> configure;
    private GyreTestServer server;
    private boolean perClass;

    private GyreExtension(Consumer<Gyre.Builder> configure) {
        this.configure = configure;
    }

    /** A server routing to {@code handlers}. */
    public static GyreExtension of(Object... handlers) {
        return with(builder -> builder.handlers(handlers));
    }

    /** A server configured by {@code configure}; host and port are set to {@code 127.0.0.1:0} first. */
    public static GyreExtension with(Consumer<Gyre.Builder> configure) {
        return new GyreExtension(Objects.requireNonNull(configure, "configure"));
    }

    /**
     * The same server with whatever the application registered for {@code type} replaced by a request-scoped
     * {@code provider} (FastAPI's {@code app.dependency_overrides}); see {@link Gyre.Builder#override}.
     */
    public <T> GyreExtension override(Class<T> type, Provider<? extends T> provider) {
        return new GyreExtension(configure.andThen(builder -> builder.override(type, provider)));
    }

    /** The same server with whatever the application registered for {@code type} replaced by {@code value}. */
    public <T> GyreExtension override(Class<T> type, Object value) {
        return new GyreExtension(configure.andThen(builder -> builder.override(type, value)));
    }

    /** The running server; only between the extension's start and stop. */
    public GyreTestServer server() {
        if (server == null) {
            throw new IllegalStateException("the Gyre test server runs only while a test runs");
        }
        return server;
    }

    public TestClient client() {
        return server().client();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = GyreTestServer.start(configure);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = GyreTestServer.start(configure);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
