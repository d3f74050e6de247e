package dev.gyre.bench.netty;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

import java.util.Date;

/**
 * The value of the {@code Date} response header, formatted at most once per second.
 *
 * <p>RFC 9110 §6.6.1 asks for the time the response was generated, to one-second precision, so every
 * response within a second may share one string. Threads race benignly: two loops that see a new
 * second both format it and one result wins; each still returns a correct value.
 */
final class HttpDate {

    private record Stamp(long epochSecond, AsciiString value) {
    }

    private static volatile Stamp current = format(System.currentTimeMillis() / 1000);

    private HttpDate() {
    }

    static AsciiString now() {
        long epochSecond = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.epochSecond() != epochSecond) {
            stamp = format(epochSecond);
            current = stamp;
        }
        return stamp.value();
    }

    private static Stamp format(long epochSecond) {
        return new Stamp(epochSecond, AsciiString.cached(DateFormatter.format(new Date(epochSecond * 1000))));
    }
}
