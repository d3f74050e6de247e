package dev.gyre.ws.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.ws.WebSocketEvent;
import dev.gyre.ws.WebSocketOptions;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * The WebSocket frame codec without compression, for the JMH benchmarks, which run on the class path and time it
 * alone. The decoder and encoder are package-private in {@code dev.gyre.ws}, where each connection makes its own;
 * {@link WebSocketOptions} lends these factories here when it is initialised, and this package is not exported,
 * so the codec is no part of the API.
 */
public final class WebSocketFrames {
    private static final Lent<Access> ACCESS = new Lent<>(WebSocketOptions.class);

    private WebSocketFrames() {
    }

    /** What {@code dev.gyre.ws} lends. */
    public interface Access {
        Function<ByteBuffer, WebSocketEvent> decoder(int maxMessageSize);

        Function<String, ByteBuffer> textEncoder();
    }

    /** Called once, by {@link WebSocketOptions}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /**
     * A client-frame decoder for one connection, as its {@code decode}: each call consumes bytes up to the end of
     * the next event and returns it, or consumes them all and returns {@code null}. Not thread-safe.
     *
     * @param maxMessageSize the largest message accepted
     */
    public static Function<ByteBuffer, WebSocketEvent> decoder(int maxMessageSize) {
        return ACCESS.get().decoder(maxMessageSize);
    }

    /** Writes one text message as one unfragmented server frame; thread-safe. */
    public static Function<String, ByteBuffer> textEncoder() {
        return ACCESS.get().textEncoder();
    }
}
