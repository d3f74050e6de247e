package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code Date} field is never ahead of the wall clock, even in a loop turn whose first callback blocked the
 * loop: the loop reads the wall clock once per turn, and a later callback's {@code Date} is derived from it.
 */
class DateFieldTest {
    private static final long STALL_MILLIS = 2_500;

    public static final class Routes {
        @Get("/stall")
        @NonBlocking
        public String stall(@Query long ms) throws InterruptedException {
            Thread.sleep(ms);
            return "stalled\n";
        }

        @Get("/hello")
        @NonBlocking
        public String hello() {
            return "hello\n";
        }
    }

    @Test
    void answersAfterACallbackThatBlockedTheLoopAreNotDatedInTheFuture() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).noWatchdog().handlers(new Routes()).start();
        List<Socket> others = new ArrayList<>();
        try (Socket first = new Socket("127.0.0.1", server.port());
             Socket staller = new Socket("127.0.0.1", server.port())) {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(20_000);
                others.add(s);
                exchange(s, "/hello");
            }
            exchange(staller, "/hello");
            exchange(first, "/hello");
            // while the loop sleeps in the first stall, the second stall and the three others become ready, in
            // that order: the next turn runs the second stall first, then the others' callbacks
            write(first, "/stall?ms=800");
            Thread.sleep(200);
            write(staller, "/stall?ms=" + STALL_MILLIS);
            Thread.sleep(50);
            for (Socket s : others) {
                write(s, "/hello");
            }
            for (Socket s : others) {
                String head = readHead(s.getInputStream());
                long received = System.currentTimeMillis();
                long dated = ZonedDateTime.parse(field(head, "Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
                assertTrue(dated <= received, "Date " + field(head, "Date") + " is ahead of the clock by "
                        + (dated - received) + " ms");
            }
            readHead(staller.getInputStream());
            readHead(first.getInputStream());
        } finally {
            for (Socket s : others) {
                s.close();
            }
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static void exchange(Socket s, String path) throws IOException {
        s.setSoTimeout(20_000);
        write(s, path);
        readHead(s.getInputStream());
    }

    private static void write(Socket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one answer (its head, then the Content-Length body) and returns the head. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "an answer: " + head);
            head.append((char) b);
        }
        in.readNBytes(Integer.parseInt(field(head.toString(), "Content-Length")));
        return head.toString();
    }

    private static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError(name + " missing in " + head);
    }
}
