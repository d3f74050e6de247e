package dev.gyre.http2;

import java.util.List;

/**
 * The connection's streams by id: the open ones, the highest id the client has used (every id above it is
 * idle, every odd one at or below it that is not open is closed, §5.1.1), and how the most recent
 * {@value #REMEMBERED} closed streams ended, to tell a late frame (ignored) from a wrong one (an error).
 *
 * <p>Open streams are kept in the order they opened, which is the order the send side serves them, in a
 * {@link StreamTable}; the closed ones in a ring of their ids, searched newest first only when a frame comes for
 * a stream that is not open. Neither boxes an id. Not thread-safe: the connection's loop owns it.
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

    private final StreamTable<Http2Stream> open = new StreamTable<>();
    private final int[] closedIds = new int[REMEMBERED];
    private final Closed[] closedHow = new Closed[REMEMBERED];
    /** How many streams have closed on this connection; the newest is at {@code (closedCount - 1) % REMEMBERED}. */
    private long closedCount;
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
        for (long n = closedCount - 1; n >= 0 && n >= closedCount - REMEMBERED; n--) {
            int slot = (int) (n % REMEMBERED);
            if (closedIds[slot] == id) {
                return closedHow[slot];
            }
        }
        return Closed.UNKNOWN;
    }

    /** A new stream from the client; its id is above every earlier one (checked by the caller). */
    void add(Http2Stream stream) {
        lastClientStreamId = stream.id;
        open.add(stream.id, stream);
    }

    /** A stream that leaves idle straight for closed, refused or reset at its first HEADERS. */
    void closedAtOpen(int id, Closed how) {
        lastClientStreamId = Math.max(lastClientStreamId, id);
        rememberClosed(id, how);
    }

    void remove(Http2Stream stream, Closed how) {
        stream.state = StreamState.CLOSED;
        stream.clearQueue();
        open.remove(stream.id);
        rememberClosed(stream.id, how);
    }

    private void rememberClosed(int id, Closed how) {
        int slot = (int) (closedCount++ % REMEMBERED);
        closedIds[slot] = id;
        closedHow[slot] = how;
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

    /** The open stream at {@code position}, 0 the oldest, below {@link #openCount()}. */
    Http2Stream openAt(int position) {
        return open.at(position);
    }

    /** The open streams, oldest first, in a list of their own, for loops that close streams as they go. */
    List<Http2Stream> snapshot() {
        return open.snapshot();
    }
}
