package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", text(HttpDate.format(784111777L)));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", text(HttpDate.format(0)));
        assertEquals("Tue, 29 Feb 2028 23:59:59 GMT", text(HttpDate.format(1835481599L)));
    }

    @Test
    void agreesWithJavaTimeOverManyDays() {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
        for (long s = 0; s < 4_000_000_000L; s += 86_399L * 37) {
            String ours = text(HttpDate.format(s));
            assertEquals(29, ours.length(), ours);
            assertEquals(ZonedDateTime.parse(ours, rfc1123).toEpochSecond(), s, ours);
        }
    }

    @Test
    void formatsOncePerSecond() {
        AtomicLong clock = new AtomicLong(1_000_000_000_000L);
        HttpDate date = new HttpDate(clock::get);
        byte[] first = date.now();
        clock.addAndGet(999);
        assertSame(first, date.now(), "same second, same bytes");
        clock.addAndGet(1);
        byte[] next = date.now();
        assertNotSame(first, next);
        assertEquals("Sun, 09 Sep 2001 01:46:40 GMT", text(first), "the earlier array is never changed");
        assertEquals("Sun, 09 Sep 2001 01:46:41 GMT", text(next));
    }

    @Test
    void systemClockGivesTheCurrentDate() {
        long before = System.currentTimeMillis() / 1000;
        String now = text(new HttpDate().now());
        long parsed = ZonedDateTime.parse(now, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        assertTrue(parsed >= before && parsed <= before + 2, now);
    }
}
