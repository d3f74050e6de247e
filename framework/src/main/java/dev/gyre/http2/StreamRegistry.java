package dev.gyre.http2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection's streams by id: the open ones, the highest id the client has used (every id above it is
 * idle, every odd one at or below it that is not open is closed, §5.1.1), and how the most recent
 * {@value #REMEMBERED} closed streams ended, to tell a late frame (ignored) from a wrong one (an error).
 *
 * <p>Open streams are kept in the order they opened, which is the order the send side serves them. Not
 * thread-safe: the connection's loop owns it.
 */
final class StreamRegistry {
    static final int REMEMBERED = 128;

    /** How a closed stream ended, for frames that still arrive for it. */
    enum Closed {
        /** This server sent RST_STREAM: frames the peer sent before seeing it are ignored (§5.1, closed). */
        RESET_HERE,
        /** The peer reset it: DATA or HEADERS on it is a stream error STREAM_CLOSED (§5.1, closed). */
        RESET_BY_PEER,
        /** Both sides sent END_STREAM: DATA or HEADERS on it is a connection error STREAM_CLOSED (§5.1). */
        ENDED,
        /** Closed so long ago that it is forgotten, or skipped over by the client and never opened. */
        UNKNOWN
    }

    private final Map<Integer, Http2Stream> open = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, Closed> recentlyClosed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Closed> eldest) {
            return size() > REMEMBERED;
        }
    };
    private int lastClientStreamId;

    Http2Stream get(int id) {
        return open.get(id);
    }

    boolean isIdle(int id) {
        return id > lastClientStreamId;
    }

    int lastClientStreamId() {
        return lastClientStreamId;
    }

    Closed closedHow(int id) {
        return recentlyClosed.getOrDefault(id, Closed.UNKNOWN);
    }

    /** A new stream from the client; its id is above every earlier one (checked by the caller). */
    void add(Http2Stream stream) {
        lastClientStreamId = stream.id;
        open.put(stream.id, stream);
    }

    /** A stream that leaves idle straight for closed, refused or reset at its first HEADERS. */
    void closedAtOpen(int id, Closed how) {
        lastClientStreamId = Math.max(lastClientStreamId, id);
        recentlyClosed.put(id, how);
    }

    void remove(Http2Stream stream, Closed how) {
        stream.state = StreamState.CLOSED;
        stream.clearQueue();
        open.remove(stream.id);
        recentlyClosed.put(stream.id, how);
    }

    /** The client's END_STREAM; the listener may have closed the stream meanwhile. */
    void receivedEnd(Http2Stream stream) {
        if (stream.state == StreamState.CLOSED) {
            return;
        }
        stream.state = stream.state.onReceiveEnd();
        if (stream.state == StreamState.CLOSED) {
            remove(stream, Closed.ENDED);
        }
    }

    int openCount() {
        return open.size();
    }

    /** The open streams, oldest first; a live view, so copy it before closing streams while iterating. */
    Collection<Http2Stream> all() {
        return open.values();
    }
}
