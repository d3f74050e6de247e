package dev.gyre.ws;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a session has been opened, before any message of it is delivered. May return a {@code String}
 * or {@code byte[]} to send as the first message.
 *
 * <p>Parameters bind as described in {@link WebSocketListener}: the {@link WebSocketSession}, the
 * handshake's {@link dev.gyre.http.Request}, {@link dev.gyre.handler.PathParam} values, and the event's own
 * value. Runs on the blocking executor, or on the session's loop when the method is marked
 * {@link dev.gyre.handler.NonBlocking}; either way one callback of a session at a time, in order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
