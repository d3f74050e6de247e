package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A handler's HTTP/1.1 connection-specific fields never reach an HTTP/2 peer: curl, which prints the response head
 * as it was received, shows them dropped and the handler's other fields kept.
 */
class Http2ResponseFieldsTest {

    @Test
    void connectionSpecificFieldsAreDroppedOnHttp2AndKeptOnHttp11() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes()).start();
        try {
            String url = "http://127.0.0.1:" + server.port() + "/connection-fields";
            RealClientsTest.Result h2 = RealClientsTest.run("curl", "-sS", "--http2-prior-knowledge", "-D", "-", "-o",
                    "/dev/null", url);
            assertEquals(0, h2.exit(), h2.err());
            String head = h2.out().toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/2 200"), head);
            assertTrue(head.contains("x-kept: yes"), head);
            for (String field : new String[] {"connection:", "keep-alive:", "proxy-connection:", "upgrade:"}) {
                assertFalse(head.contains("\n" + field), field + " reached HTTP/2: " + head);
            }
            RealClientsTest.Result h1 = RealClientsTest.run("curl", "-sS", "--http1.1", "-D", "-", "-o", "/dev/null", url);
            assertTrue(h1.out().toLowerCase(Locale.ROOT).contains("\nkeep-alive: timeout=5"), h1.out());
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
