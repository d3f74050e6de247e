package dev.gyre.ws;

import java.io.IOException;

/**
 * Why a message was not sent: the session had closed (or closed before the message was written), or the
 * session's outbound limit was reached (see {@link WebSocketOptions}). The stage returned by
 * {@link WebSocketSession#send} fails with it.
 */
public final class WebSocketSendException extends IOException {
    public WebSocketSendException(String message) {
        super(message);
    }
}
