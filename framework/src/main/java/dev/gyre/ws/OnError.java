package dev.gyre.ws;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a listener method of this session threw (the session is then closed with 1011), or the
 * connection broke with an I/O error (then {@code @OnClose} follows with 1006). Takes a {@link Throwable}.
 *
 * <p>Parameters bind as described in {@link WebSocketListener}: the {@link WebSocketSession}, the
 * handshake's {@link dev.gyre.http.Request}, {@link dev.gyre.handler.PathParam} values, and the event's own
 * value. Runs on the blocking executor, or on the session's loop when the method is marked
 * {@link dev.gyre.handler.NonBlocking}; either way one callback of a session at a time, in order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
}
