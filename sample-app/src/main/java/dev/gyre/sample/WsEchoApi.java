package dev.gyre.sample;

import dev.gyre.handler.NonBlocking;
import dev.gyre.ws.OnBinary;
import dev.gyre.ws.OnText;
import dev.gyre.ws.WebSocket;

/**
 * {@code /ws/echo}: every text and binary message comes back as it came. The conformance target (Autobahn's
 * fuzzing client expects exactly this) and the load-test target; both callbacks only compute, so they run on
 * the event loop.
 */
@WebSocket("/ws/echo")
public final class WsEchoApi {

    @OnText
    @NonBlocking
    public String text(String message) {
        return message;
    }

    @OnBinary
    @NonBlocking
    public byte[] binary(byte[] message) {
        return message;
    }
}
