package dev.gyre.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.security.OAuth2PasswordBearer;
import dev.gyre.server.Gyre;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FastAPI's {@code app.dependency_overrides}: a test server runs the application's own configuration with some
 * of its providers replaced, whichever scope they have, and only for that server.
 */
class ProviderOverridesTest {

    record User(String name) {
    }

    /** A repository the application opens; closing it is recorded. */
    static final class Repository implements AutoCloseable {
        final String name;
        final AtomicBoolean closed = new AtomicBoolean();

        Repository(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    public static final class Api {
        @Get("/me")
        public String me(User user) {
            return user.name();
        }

        @Get("/now")
        public String now(Clock clock) {
            return clock.instant().toString();
        }

        @Get("/repo")
        public String repo(Repository repository) {
            return repository.name;
        }
    }

    static final Repository REAL = new Repository("real");

    /** The application's configuration, as its main method would use it. */
    static Gyre.Builder configure(Gyre.Builder builder) {
        return builder.handlers(new Api())
                .provide(User.class, new OAuth2PasswordBearer("/token").then((token, scope) -> null))
                .provide(Clock.class, scope -> Clock.systemUTC())
                .provide(Repository.class, REAL);
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(ProviderOverridesTest::configure)
            .override(User.class, scope -> new User("alice"))
            .override(Clock.class, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void aSecuredProviderReplacedNeedsNoCredentials() {
        assertEquals("alice", gyre.client().get("/me").body());
    }

    @Test
    void aRequestScopedProviderReplacedByAValue() {
        assertEquals("1970-01-01T00:00:00Z", gyre.client().get("/now").body());
    }

    @Test
    void whatIsNotOverriddenStaysTheApplications() {
        assertEquals("real", gyre.client().get("/repo").body());
    }

    @Test
    void theSameConfigurationWithoutOverridesIsTheApplicationItself() {
        try (GyreTestServer server = GyreTestServer.start(ProviderOverridesTest::configure)) {
            assertEquals(401, server.client().get("/me").statusCode());
            assertTrue(server.client().get("/now").body().startsWith("20"));
        }
    }

    @Test
    void anAppWideValueReplacedIsStillClosedAtStop() {
        Repository real = new Repository("real");
        Repository fake = new Repository("fake");
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api())
                .provide(User.class, scope -> new User("u"))
                .provide(Clock.class, Clock.systemUTC())
                .provide(Repository.class, real)
                .override(Repository.class, fake))) {
            assertEquals("fake", server.client().get("/repo").body());
        }
        assertTrue(real.closed.get(), "the application's value");
        assertTrue(fake.closed.get(), "the test's value");
    }

    @Test
    void anOverrideOfATypeNothingProvidesFailsStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GyreTestServer.start(b ->
                configure(b).override(String.class, "x")));
        assertEquals("the override for java.lang.String replaces nothing: no provider or value is registered for it",
                e.getMessage());
    }
}
