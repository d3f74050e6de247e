package dev.gyre.containment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.loop.EventLoop;
import dev.gyre.loop.EventLoopGroup;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.LogCapture;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Selector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Nothing user code throws ends a loop any more ({@link FaultInjectionTest}), so the one way left is the
 * selector itself failing; the test closes it from outside, by reflection, as a broken epoll would. The
 * server must say so in the log and in {@link GyreServer#healthy()}, and {@code stop} must not wait for
 * the thread that is gone. Its listener must go with it, so that the kernel stops handing it connections
 * that nobody would ever accept.
 */
class LoopDeathTest {

    @Test
    void aDeadLoopIsReportedAndStopStillReturns() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new LowDescriptorServer.Routes()).start();
        try (LogCapture log = LogCapture.start(); RawClient client = new RawClient(server.port())) {
            assertTrue(server.healthy());
            EventLoop loop = loops(server).loops().getFirst();
            selectorOf(loop).close();
            String text = log.await(t -> t.contains("event loop 0 died"), Duration.ofSeconds(10));
            assertTrue(text.contains("event loop 0 died"), text);
            assertTrue(text.contains("gyre: event loop 0 (gyre-loop-0) died; the server is unhealthy"),
                    "a line made at start-up, written whether or not the logger can run: " + text);
            assertTrue(loop.hasDied());
            assertFalse(server.healthy(), "unhealthy once a loop has died");
        } finally {
            Duration grace = Duration.ofSeconds(1);
            assertTimeoutPreemptively(grace.plus(Duration.ofSeconds(10)), () -> server.stop(grace),
                    "stop returns within the grace period plus a margin");
        }
    }

    @Test
    void newConnectionsGoToTheLiveLoopsOnceOneHasDied() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(2).handlers(new LowDescriptorServer.Routes()).start();
        try (LogCapture log = LogCapture.start()) {
            EventLoop loop = loops(server).loops().get(1);
            selectorOf(loop).close();
            log.await(t -> t.contains("event loop 1 died"), Duration.ofSeconds(10));
            assertTrue(loop.hasDied());
            // the listener closes in the dying thread's last steps, after the log line: a connection made
            // before that lands in the dead listener's backlog and is reset when it closes
            loop.thread().join(10_000);
            for (int i = 0; i < 40; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(answer.startsWith("HTTP/1.1 200"), "connection " + i + ": " + answer);
                }
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static EventLoopGroup loops(GyreServer server) throws ReflectiveOperationException {
        Field group = GyreServer.class.getDeclaredField("group");
        group.setAccessible(true);
        return (EventLoopGroup) group.get(server);
    }

    private static Selector selectorOf(EventLoop loop) throws ReflectiveOperationException {
        Field selector = EventLoop.class.getDeclaredField("selector");
        selector.setAccessible(true);
        return (Selector) selector.get(loop);
    }
}
