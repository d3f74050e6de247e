package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Query;
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
        List<RawConnection> others = new ArrayList<>();
        try (RawConnection first = new RawConnection(server.port());
             RawConnection staller = new RawConnection(server.port())) {
            for (int i = 0; i < 3; i++) {
                others.add(new RawConnection(server.port()));
            }
            for (RawConnection c : others) {
                c.send(get("/hello")).read();
            }
            staller.send(get("/hello")).read();
            first.send(get("/hello")).read();
            // while the loop sleeps in the first stall, the second stall and the three others become ready, in
            // that order: the next turn runs the second stall first, then the others' callbacks
            first.send(get("/stall?ms=800"));
            Thread.sleep(200);
            staller.send(get("/stall?ms=" + STALL_MILLIS));
            Thread.sleep(50);
            for (RawConnection c : others) {
                c.send(get("/hello"));
            }
            for (RawConnection c : others) {
                String date = c.read().header("Date");
                long received = System.currentTimeMillis();
                long dated = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                assertTrue(dated <= received, "Date " + date + " is ahead of the clock by " + (dated - received) + " ms");
            }
            staller.read();
            first.read();
        } finally {
            for (RawConnection c : others) {
                c.close();
            }
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n";
    }
}
