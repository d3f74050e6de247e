package dev.gyre.ws;

import dev.gyre.http.Response;

/** What {@link WebSocketHandshake#check} decided about an upgrade request. */
sealed interface HandshakeResult {

    /**
     * The upgrade is accepted. The handler answers with {@code response} (a {@code 101} carrying
     * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept} and, when agreed,
     * {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions}) after attaching its
     * {@link Response#upgrade}, then speaks WebSocket on the same socket: create a {@link WebSocketCodec}
     * with {@code deflate}. The response is new for each call, so the caller may change it.
     *
     * @param subprotocol the selected {@code Sec-WebSocket-Protocol}, or {@code null} when none was
     * @param deflate     the agreed permessage-deflate parameters, or {@code null} when compression is off
     */
    record Accepted(Response response, String subprotocol, DeflateParameters deflate)
            implements HandshakeResult {
    }

    /**
     * The upgrade is refused; send {@code response} through the ordinary HTTP path (it carries a short
     * text body saying why) and treat the connection as plain HTTP/1.1 again.
     */
    record Rejected(Response response) implements HandshakeResult {
    }
}
