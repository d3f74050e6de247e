package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.handler.Get;
import dev.gyre.handler.PathParam;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A blocking request whose client reset the connection while it waited for a thread is never run. */
class AbandonedRequestTest {

    public static final class Work {
        final AtomicInteger ran = new AtomicInteger();

        @Get("/work/{ms}")
        public String work(@PathParam long ms) throws InterruptedException {
            ran.incrementAndGet();
            Thread.sleep(ms);
            return "done";
        }
    }

    @Test
    void queuedWorkOfAClientThatLeftIsSkipped() throws Exception {
        Work work = new Work();
        try (GyreServer server = Gyre.builder().port(0).loops(1).blockingThreads(1).handlers(work).start();
             RawConnection busy = new RawConnection(server.port())) {
            busy.send("GET /work/500 HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
            try (Socket leaving = new Socket("127.0.0.1", server.port())) {
                leaving.getOutputStream().write("GET /work/1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(100);
                leaving.setSoLinger(true, 0);
            }
            assertEquals("done", busy.read().bodyText());
            Thread.sleep(300);
            assertEquals(1, work.ran.get(), "only the request whose client stayed was handled");
        }
    }
}
