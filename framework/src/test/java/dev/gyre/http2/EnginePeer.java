package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gyre.http2.config.Http2Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client talking to an {@link Http2Connection} through bytes only: what it sends is built by
 * {@link ClientFrames}, what it gets back is read by {@link ServerFrames}. The clock is a counter the test moves.
 */
final class EnginePeer {
    final RecordingListener listener = new RecordingListener();
    final AtomicLong nanos = new AtomicLong();
    final Http2Connection connection;
    final ClientFrames client = new ClientFrames();
    final ServerFrames server = new ServerFrames();
    Splits splits = Splits.WHOLE;

    EnginePeer() {
        this(Http2Limits.defaults());
    }

    EnginePeer(Http2Limits limits) {
        connection = new Http2Connection(limits, listener, true, nanos::get);
    }

    /** Sends the client preface and SETTINGS, and reads the server's preface. */
    EnginePeer started() {
        send(client.start());
        List<Frame> preface = frames();
        assertInstanceOf(Frame.Settings.class, preface.get(0));
        return this;
    }

    /** Feeds what {@code frames} built so far to the connection, in pieces of {@link #splits}. */
    EnginePeer send(ClientFrames frames) {
        splits.feed(frames.take(), connection::receive);
        return this;
    }

    /** What the connection wrote, read as a layer whose transport takes everything at once would. */
    List<Frame> frames() {
        return server.readAll(connection);
    }

    /** The GOAWAY the connection ended with, checking that it did end. */
    Frame.GoAway goAway(List<Frame> frames) {
        List<Frame.GoAway> goAways = ServerFrames.only(frames, Frame.GoAway.class);
        assertEquals(1, goAways.size(), () -> "one GOAWAY expected in " + frames);
        return goAways.get(0);
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
