package dev.gyre.ws;

import dev.gyre.http.Response;
import java.nio.ByteBuffer;

/** What {@link WebSocketHandshake#check} decided about an upgrade request. */
public sealed interface HandshakeResult {

    /**
     * The upgrade is accepted. The connection writes {@code responseHead} (the whole {@code 101} response,
     * read-only; {@code duplicate()} it before writing if it is kept), then speaks WebSocket on the same
     * socket: create a {@link WebSocketCodec} with {@code deflate}.
     *
     * @param subprotocol the selected {@code Sec-WebSocket-Protocol}, or {@code null} when none was
     * @param deflate     the agreed permessage-deflate parameters, or {@code null} when compression is off
     */
    record Accepted(ByteBuffer responseHead, String subprotocol, DeflateParameters deflate)
            implements HandshakeResult {
    }

    /**
     * The upgrade is refused; send {@code response} through the ordinary HTTP path (it carries a short
     * text body saying why) and treat the connection as plain HTTP/1.1 again.
     */
    record Rejected(Response response) implements HandshakeResult {
    }
}
