package dev.gyre.containment;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.time.Duration;

/**
 * The server that {@link AcceptBackOffTest} runs in a child JVM under a low file-descriptor limit: prints
 * {@code PORT n} once it listens, serves {@code /ok}, and stops when its stdin closes.
 */
public final class LowDescriptorServer {

    public static final class Routes {
        @Get("/ok")
        @NonBlocking
        public String ok() {
            return "ok";
        }
    }

    public static void main(String[] args) throws IOException {
        GyreServer server = Gyre.builder().port(0).loops(1).noWatchdog().handlers(new Routes()).start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to let go
        }
        server.stop(Duration.ofSeconds(2));
    }
}
