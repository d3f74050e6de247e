package dev.gyre.http2;

/**
 * The states of RFC 9113 §5.1, as a server that never pushes sees them.
 *
 * <pre>
 *                          ┌────────┐
 *                          │  idle  │  (every id above the highest the client has used)
 *                          └────────┘
 *                              │ recv HEADERS
 *                              ▼
 *      recv END_STREAM     ┌────────┐     send END_STREAM
 *      ┌───────────────────│  open  │───────────────────┐
 *      ▼                   └────────┘                   ▼
 *  ┌──────────────┐            │ send / recv     ┌──────────────┐
 *  │ half-closed  │            │ RST_STREAM      │ half-closed  │
 *  │   (remote)   │            │                 │   (local)    │
 *  └──────────────┘            ▼                 └──────────────┘
 *      │ send END_STREAM   ┌────────┐   recv END_STREAM  │
 *      │ send/recv RST     │ closed │◀───────────────────┘
 *      └──────────────────▶└────────┘   send/recv RST
 * </pre>
 *
 * <p><b>Not here.</b> "reserved (local)" and "reserved (remote)" are entered only by PUSH_PROMISE. This server
 * never sends one, and a client may not (§8.4: receiving one is a connection error PROTOCOL_ERROR), so no
 * stream is ever reserved. "idle" is not a state a stream object has: an idle stream is one no frame has
 * named yet, known by its id alone ({@link StreamRegistry}). A closed stream is forgotten after a while;
 * {@link StreamRegistry} remembers the recent ones to tell late frames from wrong ones.
 */
enum StreamState {
    OPEN,
    HALF_CLOSED_REMOTE,
    HALF_CLOSED_LOCAL,
    CLOSED;

    /** After the client's END_STREAM. */
    StreamState onReceiveEnd() {
        return this == HALF_CLOSED_LOCAL ? CLOSED : HALF_CLOSED_REMOTE;
    }

    /** After this server's END_STREAM. */
    StreamState onSendEnd() {
        return this == HALF_CLOSED_REMOTE ? CLOSED : HALF_CLOSED_LOCAL;
    }

    boolean canReceive() {
        return this == OPEN || this == HALF_CLOSED_LOCAL;
    }

    boolean canSend() {
        return this == OPEN || this == HALF_CLOSED_REMOTE;
    }
}
