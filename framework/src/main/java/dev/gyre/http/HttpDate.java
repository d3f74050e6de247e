package dev.gyre.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** STUB: replaced by the parser branch. */
public final class HttpDate {
    private long second = -1;
    private byte[] cached;
    public byte[] now() {
        long s = System.currentTimeMillis() / 1000;
        if (s != second) {
            second = s;
            cached = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(s).atOffset(ZoneOffset.UTC)).getBytes(StandardCharsets.US_ASCII);
        }
        return cached;
    }
}
