package dev.gyre.ws;

/**
 * Why a session ended: the status code of the Close frame that ended it (RFC 6455 §7.4) and its reason.
 *
 * <p>The code is the peer's when the peer closed first, this server's when the server did (including a
 * protocol violation by the peer: 1002, 1007, 1009), {@link CloseCodes#NO_STATUS_RECEIVED} (1005) for a
 * Close frame without a code, and {@link CloseCodes#ABNORMAL_CLOSURE} (1006) when the connection ended with
 * no Close frame at all.
 */
public record CloseStatus(int code, String reason) {
}
