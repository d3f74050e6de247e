package dev.gyre.bench.arena;

import dev.gyre.handler.NonBlocking;
import dev.gyre.ws.OnBinary;
import dev.gyre.ws.OnText;
import dev.gyre.ws.WebSocket;

/** HttpArena's {@code echo-ws} profile: every text and binary message on {@code /ws} comes back as it came. */
@WebSocket("/ws")
public final class EchoSocket {

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
