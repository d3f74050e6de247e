package dev.gyre.middleware;

import dev.gyre.json.internal.JsonStrings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The shapes of an access-log line. {@link #COMMON} and {@link #COMBINED} are Apache's (and nginx's
 * {@code combined}), so log tools read them as they are; {@link #JSON} is one object per line for log
 * pipelines; {@link #SHORT} is Gyre's line for reading by eye.
 *
 * <p>In {@code COMMON} and {@code COMBINED}, a {@code "} or a byte outside printable ASCII in the request
 * line, referer or user agent is written as {@code \"} or {@code \xhh}, so a client cannot forge a line or
 * a field; {@code JSON} escapes as JSON does.
 */
public enum AccessLogFormat {
    /** {@code GET /items/7 200 312B 1.42ms id=k3f9qz-1a}. */
    SHORT {
        @Override
        String format(AccessLogEntry e) {
            return e.method() + " " + e.target() + " " + e.status() + " " + Math.max(0, e.bytes()) + "B "
                    + e.micros() / 1000 + "." + String.format(Locale.ROOT, "%02d", (e.micros() % 1000) / 10)
                    + "ms id=" + e.requestId();
        }
    },
    /** {@code 203.0.113.7 - - [01/Dec/2026:21:30:00 +0000] "GET /items/7 HTTP/1.1" 200 312}. */
    COMMON {
        @Override
        String format(AccessLogEntry e) {
            return common(e).toString();
        }
    },
    /** {@code COMMON} followed by {@code "referer" "user-agent"}. */
    COMBINED {
        @Override
        String format(AccessLogEntry e) {
            StringBuilder line = common(e).append(' ');
            quoted(e.referer(), line).append(' ');
            return quoted(e.userAgent(), line).toString();
        }
    },
    /**
     * {@code {"time":"2026-12-01T21:30:00.123Z","client":"203.0.113.7","method":"GET","target":"/items/7",
     * "route":"/items/{id}","protocol":"HTTP/1.1","status":200,"bytes":312,"duration_ms":1.42,
     * "host":"shop.example","scheme":"https","referer":null,"user_agent":"curl/8.5","request_id":"k3f9qz-1a"}}.
     */
    JSON {
        @Override
        String format(AccessLogEntry e) {
            StringBuilder json = new StringBuilder(256).append("{\"time\":\"")
                    .append(Instant.ofEpochMilli(e.epochMillis())).append('"');
            field("client", e.client(), json);
            field("method", e.method(), json);
            field("target", e.target(), json);
            field("route", e.route(), json);
            field("protocol", e.protocol(), json);
            json.append(",\"status\":").append(e.status());
            json.append(",\"bytes\":").append(e.bytes() < 0 ? "null" : Long.toString(e.bytes()));
            json.append(",\"duration_ms\":").append(e.micros() / 1000).append('.')
                    .append(String.format(Locale.ROOT, "%03d", e.micros() % 1000));
            field("host", e.host(), json);
            field("scheme", e.scheme(), json);
            field("referer", e.referer(), json);
            field("user_agent", e.userAgent(), json);
            field("request_id", e.requestId(), json);
            return json.append('}').toString();
        }
    };

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneId.systemDefault());

    abstract String format(AccessLogEntry entry);

    private static StringBuilder common(AccessLogEntry e) {
        StringBuilder line = new StringBuilder(160).append(e.client()).append(" - - [")
                .append(CLF_TIME.format(Instant.ofEpochMilli(e.epochMillis()))).append("] ");
        quoted(e.method() + " " + e.target() + " " + e.protocol(), line);
        line.append(' ').append(e.status()).append(' ');
        return e.bytes() > 0 ? line.append(e.bytes()) : line.append('-');
    }

    private static StringBuilder quoted(String value, StringBuilder line) {
        if (value == null) {
            return line.append("\"-\"");
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                line.append(String.format(Locale.ROOT, "\\x%02x", c & 0xff));
            } else {
                line.append(c);
            }
        }
        return line.append('"');
    }

    private static void field(String name, String value, StringBuilder json) {
        json.append(",\"").append(name).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            JsonStrings.quote(value, json);
        }
    }
}
