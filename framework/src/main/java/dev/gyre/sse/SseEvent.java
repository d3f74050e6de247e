package dev.gyre.sse;

import java.time.Duration;

/**
 * One server-sent event. Only {@code data} is required; a client's {@code EventSource} dispatches an
 * event without a name to {@code onmessage}, a named one to its listener for that name.
 *
 * @param event the event name, or {@code null} for the default ({@code message})
 * @param id    the id the client echoes in {@code Last-Event-ID} when it reconnects, or {@code null}
 * @param retry the reconnection delay the client should use, or {@code null}
 * @param data  the payload; line breaks are kept (each line becomes a {@code data:} field)
 */
public record SseEvent(String event, String id, Duration retry, String data) {

    public SseEvent {
        if (data == null) {
            throw new IllegalArgumentException("an event needs data (it may be empty)");
        }
        requireOneLine("event", event);
        requireOneLine("id", id);
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event id must not contain NUL");
        }
    }

    private static void requireOneLine(String field, String value) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("an event " + field + " must be one line: " + value);
        }
    }

    /** An unnamed event with this data. */
    public static SseEvent of(String data) {
        return new SseEvent(null, null, null, data);
    }

    public SseEvent withEvent(String name) {
        return new SseEvent(name, id, retry, data);
    }

    public SseEvent withId(String eventId) {
        return new SseEvent(event, eventId, retry, data);
    }

    public SseEvent withRetry(Duration delay) {
        return new SseEvent(event, id, delay, data);
    }

    /** The event in the {@code text/event-stream} format, ending with the blank line that dispatches it. */
    String encode() {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            sb.append("retry: ").append(retry.toMillis()).append('\n');
        }
        int start = 0;
        int len = data.length();
        while (true) {
            int cr = data.indexOf('\r', start);
            int lf = data.indexOf('\n', start);
            int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
            if (end < 0) {
                sb.append("data: ").append(data, start, len).append('\n');
                break;
            }
            sb.append("data: ").append(data, start, end).append('\n');
            start = end + (data.startsWith("\r\n", end) ? 2 : 1);
        }
        return sb.append('\n').toString();
    }
}
