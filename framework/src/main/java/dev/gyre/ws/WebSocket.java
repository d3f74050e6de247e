package dev.gyre.ws;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class a WebSocket endpoint at a path template, e.g. {@code @WebSocket("/ws/chat/{room}")}. Pass
 * an instance to {@code Gyre.builder().handlers(...)} like any HTTP handler; one instance serves every
 * session, so it must be thread-safe.
 *
 * <p>The class either has methods annotated {@link OnOpen}, {@link OnText}, {@link OnBinary},
 * {@link OnClose} and {@link OnError}, or implements {@link WebSocketListener}. A {@code GET} with a valid
 * upgrade on this path becomes a session; any other request to it is answered as RFC 6455 §4.2.2 says
 * (see {@link WebSocketHandshake}): a path belongs to WebSocket or to HTTP, not both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebSocket {
    /** The path template; {@code {name}} segments bind to {@code @PathParam} parameters. */
    String value();

    /** Subprotocols this endpoint speaks, best first; the first one the client also offers is selected. */
    String[] subprotocols() default {};
}
