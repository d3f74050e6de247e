package dev.gyre.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gyre.handler.Get;
import dev.gyre.handler.Post;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension on an instance field gives each test its own server, hence its own state. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GyreExtensionTest {
    static final AtomicInteger servers = new AtomicInteger();

    public static final class Counter {
        private final AtomicInteger count = new AtomicInteger();

        Counter() {
            servers.incrementAndGet();
        }

        @Post("/count")
        public int increment() {
            return count.incrementAndGet();
        }

        @Get("/form-echo")
        public String echo() {
            return "ok";
        }
    }

    @RegisterExtension
    final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Counter()));

    @Test
    @Order(1)
    void firstTestStartsFromZero() {
        assertEquals("1", gyre.client().postForm("/count", Map.of()).body());
        assertEquals("2", gyre.client().postForm("/count", Map.of()).body());
    }

    @Test
    @Order(2)
    void secondTestGetsAFreshServer() {
        assertEquals("1", gyre.client().postForm("/count", Map.of()).body());
        assertEquals(2, servers.get());
        assertEquals("127.0.0.1", gyre.client().uri("/").getHost());
    }

    @Test
    @Order(3)
    void serverIsOnlyThereDuringTests() {
        GyreExtension idle = GyreExtension.of(new Counter());
        assertThrows(IllegalStateException.class, idle::client);
    }
}
