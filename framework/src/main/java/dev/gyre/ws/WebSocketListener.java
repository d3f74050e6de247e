package dev.gyre.ws;

/**
 * The callbacks of a WebSocket endpoint, for those who prefer an interface to annotations: a class annotated
 * {@link WebSocket} that implements this receives the same events as the annotated methods would
 * ({@link OnOpen}, {@link OnText}, {@link OnBinary}, {@link OnClose}, {@link OnError}).
 *
 * <p><b>Threads and order.</b> Each callback runs on the blocking executor (a virtual thread by default),
 * or on the session's event loop when the implementing method is marked {@link dev.gyre.handler.NonBlocking}
 * (then it must not block). Whatever the thread, a session's callbacks run one at a time, in the order of
 * the events: {@code onOpen} first, {@code onClose} last. Different sessions run in parallel.
 *
 * <p><b>Messages not handled.</b> An implementation that does not override {@code onText} (or
 * {@code onBinary}) does not accept that kind of message: the session is closed with 1003.
 *
 * <p><b>Failures.</b> When a callback throws, {@code onError} is called with the exception on the same
 * thread, then the session is closed with 1011 (internal error). An exception thrown by {@code onError} or
 * {@code onClose} is logged.
 *
 * <p><b>Annotated methods</b> may take, in any order: the {@link WebSocketSession}; the handshake's
 * {@link dev.gyre.http.Request}; {@link dev.gyre.handler.PathParam} values ({@code String}, {@code int},
 * {@code long}, converted at the handshake, which is refused with 400 when a value does not convert); and
 * the event's own value, a {@code String} for {@code @OnText}, {@code byte[]} for {@code @OnBinary},
 * {@link CloseStatus} for {@code @OnClose}, a {@link Throwable} for {@code @OnError}. {@code @OnOpen},
 * {@code @OnText} and {@code @OnBinary} methods may return a {@code String} or {@code byte[]}, which is sent
 * to the session.
 */
public interface WebSocketListener {

    default void onOpen(WebSocketSession session) {
    }

    default void onText(WebSocketSession session, String text) {
    }

    default void onBinary(WebSocketSession session, byte[] data) {
    }

    default void onClose(WebSocketSession session, CloseStatus status) {
    }

    default void onError(WebSocketSession session, Throwable error) {
    }
}
