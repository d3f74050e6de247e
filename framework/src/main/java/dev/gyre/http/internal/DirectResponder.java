package dev.gyre.http.internal;

import dev.gyre.http.Headers;

/**
 * An exchange of the framework's own protocol that can be answered with a whole response's parts (status,
 * fields, body) instead of a {@link dev.gyre.http.Response}, which its encoder writes straight to the wire.
 *
 * <p>The dispatcher answers this way when a route's value is written as bytes of one {@code Content-Type} and
 * nothing needs a {@code Response} object: no filter, no wrapper (a wrapped exchange does not implement this
 * interface) but the observers' when every observation can end from the parts, no {@code ResponseHead}, no
 * after-work. The response a client gets is the same as
 * for the {@code Response} those parts make.
 */
public interface DirectResponder {
    /**
     * Sends {@code status} with {@code fields} and {@code body}, as {@link dev.gyre.http.Exchange#respond} would send
     * the {@code Response} they make; false when the exchange was already answered. On the exchange's loop only.
     *
     * @param fields read-only fields the caller keeps unchanged (a preset shared by every answer of a route)
     * @param body   sent as it is, so it must not change afterwards
     * @throws IllegalStateException off the exchange's loop
     */
    boolean respond(int status, Headers fields, byte[] body);
}
