/**
 * The WebSocket protocol (RFC 6455) with permessage-deflate (RFC 7692), independent of the event loop: bytes
 * and events in, bytes out.
 *
 * <pre>
 *   RequestHead ─▶ WebSocketHandshake.check ─▶ Rejected(Response)            (plain HTTP answer)
 *                                          └─▶ Accepted(101 head, subprotocol, DeflateParameters)
 *                                                   │ new WebSocketCodec(config, accepted.deflate())
 *                                                   ▼
 *   bytes read ─▶ WebSocketCodec.decode ─▶ WebSocketEvent: Text | Binary | Ping | Pong | Close | ProtocolError
 *   app / pong / close ─▶ codec.encoder() / closeFrame / replyTo ─▶ read-only ByteBuffer to write
 * </pre>
 *
 * <p>{@link dev.gyre.ws.WebSocketCodec} shows the whole call pattern of a connection. Everything per
 * connection (codec, decoder, encoder with compression, {@link dev.gyre.ws.PerMessageDeflate}) is confined to
 * the connection's loop thread; {@link dev.gyre.ws.WebSocketHandshake}, the configuration records and an
 * encoder without compression are immutable and shared.
 *
 * <p><b>The server side</b> (see {@code docs/websocket.md}): {@link dev.gyre.ws.WebSocket} classes, with
 * {@link dev.gyre.ws.OnText} and friends or a {@link dev.gyre.ws.WebSocketListener}, are compiled by
 * {@code EndpointCompiler} and routed by {@link dev.gyre.ws.WebSocketDispatcher}, which answers the handshake
 * and hands the connection to a {@code WebSocketProtocol} on its loop. The application talks to a
 * {@link dev.gyre.ws.WebSocketSession} from any thread; its callbacks run in order through a
 * {@code CallbackSequencer}.
 */
package dev.gyre.ws;
