package dev.gyre.http.codec;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The current time as an IMF-fixdate (RFC 9110 §5.6.7), e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}, for
 * the {@code Date} field of every response.
 *
 * <p>The text changes once a second, while a busy loop writes thousands of responses a second, so it is
 * formatted only when the second changes. Each new second gets a new array: an array handed out earlier is
 * never changed, but must not be changed by the caller either.
 *
 * <p>Not thread-safe: one instance per event loop.
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec"};

    private final LongSupplier clockMillis;
    private long second = Long.MIN_VALUE;
    private byte[] formatted;

    public HttpDate() {
        this(System::currentTimeMillis);
    }

    /**
     * On {@code clockMillis}, milliseconds since the epoch: an event loop's clock read once per callback
     * ({@code EventLoop.eventMillis}), so the responses of one pipelined batch read it once; or a test's.
     */
    public HttpDate(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** The current second as IMF-fixdate bytes (29 bytes, US-ASCII). */
    public byte[] now() {
        long s = Math.floorDiv(clockMillis.getAsLong(), 1000);
        if (s != second) {
            formatted = format(s);
            second = s;
        }
        return formatted;
    }

    static byte[] format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        String text = DAYS[t.getDayOfWeek().ordinal()] + ", " + twoDigits(t.getDayOfMonth()) + " "
                + MONTHS[t.getMonthValue() - 1] + " " + t.getYear() + " " + twoDigits(t.getHour()) + ":"
                + twoDigits(t.getMinute()) + ":" + twoDigits(t.getSecond()) + " GMT";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String twoDigits(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
