package dev.gyre.http2;

import static dev.gyre.http2.ServerFrames.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Headers;
import dev.gyre.http2.config.FloodLimits;
import dev.gyre.http2.config.Http2Limits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each attack of issue 13 against its named limit: the abusive connection gets GOAWAY and is finished. */
class Http2AttackTest {
    private static final long WINDOW_NANOS = FloodLimits.DEFAULT_WINDOW_SECONDS * 1_000_000_000L;

    @Test
    void rapidResetEndsTheConnectionWithEnhanceYourCalm() {
        EnginePeer p = new EnginePeer().started();
        for (int i = 0; i < FloodLimits.DEFAULT_RESETS; i++) {
            int id = 1 + 2 * i;
            p.send(p.client.get(id, "/").rst(id, Http2ErrorCode.CANCEL));
        }
        assertFalse(p.connection.isFinished(), "up to the limit, every stream is served and reset");
        p.frames();
        p.send(p.client.get(1001, "/").rst(1001, Http2ErrorCode.CANCEL));
        assertCalm(p);
    }

    @Test
    void resetsSpreadOverTimeAreFine() {
        EnginePeer p = new EnginePeer().started();
        for (int i = 0; i < 3 * FloodLimits.DEFAULT_RESETS; i++) {
            int id = 1 + 2 * i;
            p.send(p.client.get(id, "/").rst(id, Http2ErrorCode.CANCEL));
            p.nanos.addAndGet(WINDOW_NANOS / FloodLimits.DEFAULT_RESETS * 2);
        }
        assertFalse(p.connection.isFinished());
    }

    @Test
    void streamsThisServerResetsCountToo() {
        EnginePeer p = new EnginePeer().started();
        for (int i = 0; i <= FloodLimits.DEFAULT_RESETS; i++) {
            p.send(p.client.headers(1 + 2 * i, true, ":method", "GET", ":path", "/"));   // malformed: no :scheme
        }
        assertCalm(p);
    }

    @Test
    void aContinuationFloodIsCutOffByFrameCount() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.frame(Frame.HEADERS, 0, 1, p.client.block(":method", "GET")));
        for (int i = 0; i <= Http2Limits.DEFAULT_MAX_CONTINUATION_FRAMES; i++) {
            p.send(p.client.frame(Frame.CONTINUATION, 0, 1, p.client.block("x-a", "b")));
        }
        assertCalm(p);
    }

    @Test
    void aContinuationFloodIsCutOffByBytes() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.frame(Frame.HEADERS, 0, 1, new byte[16_000]).frame(Frame.CONTINUATION, 0, 1,
                new byte[16_000]));
        assertFalse(p.connection.isFinished());
        p.send(p.client.frame(Frame.CONTINUATION, 0, 1, new byte[1000]));
        assertCalm(p);
    }

    @Test
    void anHpackBombIsAnswered431WithoutExpanding() {
        EnginePeer p = new EnginePeer().started();
        ByteSink block = new ByteSink();
        block.append(p.client.block(":method", "GET", ":scheme", "http", ":path", "/"));
        HpackEncoder.writeInt(block, 0x40, 6, 0);
        HpackEncoder.writeInt(block, 0, 7, 5);
        block.appendAscii("x-big");
        HpackEncoder.writeInt(block, 0, 7, 4000);
        block.appendAscii("x".repeat(4000));
        for (int i = 0; i < 12_000; i++) {
            block.append((byte) 0xBE);                                     // 48 MB if it were expanded
        }
        byte[] bytes = Arrays.copyOf(block.array(), block.size());
        p.send(p.client.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1, Arrays.copyOfRange(bytes, 0, 16_000))
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, Arrays.copyOfRange(bytes, 16_000, bytes.length)));
        Frame.Headers answer = only(p.frames(), Frame.Headers.class).get(0);
        assertEquals(Map.of(":status", "431"), p.server.fields(answer));
        assertTrue(p.listener.events.isEmpty());
        assertFalse(p.connection.isFinished());
    }

    @Test
    void settingsFlood() {
        assertFlood(FloodLimits.DEFAULT_SETTINGS, c -> c.settings());
    }

    @Test
    void pingFlood() {
        assertFlood(FloodLimits.DEFAULT_PINGS, c -> c.ping(7));
    }

    @Test
    void emptyDataFlood() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/"));
        for (int i = 0; i < FloodLimits.DEFAULT_EMPTY_FRAMES; i++) {
            p.send(p.client.data(1, new byte[0], false));
        }
        assertFalse(p.connection.isFinished());
        p.send(p.client.data(1, new byte[0], false));
        assertCalm(p);
    }

    @Test
    void windowUpdateFlood() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/"));
        for (int i = 0; i < FloodLimits.DEFAULT_WINDOW_UPDATES; i++) {
            p.client.windowUpdate(1, 1);
        }
        p.send(p.client);
        assertFalse(p.connection.isFinished());
        p.send(p.client.windowUpdate(1, 1));
        assertCalm(p);
    }

    @Test
    void priorityFlood() {
        assertFlood(FloodLimits.DEFAULT_PRIORITIES, c -> c.priority(3, 1));
    }

    @Test
    void aPeerThatNeverOpensItsWindowCostsAtMostTheQueueLimit() {
        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 0)).frames();
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        int accepted = 0;
        while (p.connection.sendData(1, ByteBuffer.wrap(new byte[8192]), false)) {
            accepted++;
        }
        assertEquals(Http2Limits.DEFAULT_MAX_QUEUED_BYTES_PER_STREAM / 8192, accepted + 1);
        assertTrue(only(p.frames(), Frame.Data.class).isEmpty(), "nothing sent beyond a zero window");
        assertEquals(0, p.connection.output().size());
    }

    @Test
    void aClientThatOpensHugeWindowsButReadsSlowlyHoldsBackTheHandlerNotServerMemory() {
        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE)
                .windowUpdate(0, Integer.MAX_VALUE - 65_535));
        p.server.read(p.connection);
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        assertFalse(p.connection.sendData(1, ByteBuffer.wrap(new byte[1 << 20]), true),
                "what the output cannot take yet waits in the stream's queue and stops the handler");
        int size = p.connection.output().size();
        assertTrue(size <= OutboundFlow.OUTPUT_HIGH_WATER + 16_384 + 100, "output holds " + size);
        int data = only(p.frames(), Frame.Data.class).stream().mapToInt(d -> d.data().length).sum();
        assertEquals(1 << 20, data,
                "as the layer reports the output written, the rest follows");
        assertTrue(p.listener.events.contains("writable 1"));
        assertEquals(0, p.connection.openStreams());
    }

    @Test
    void refusedStreamsBeyondTheLimitCountAsResets() {
        EnginePeer p = new EnginePeer().started();
        for (int i = 0; i < Http2Limits.DEFAULT_MAX_CONCURRENT_STREAMS; i++) {
            p.send(p.client.get(1 + 2 * i, "/"));
        }
        p.frames();
        p.send(p.client.get(201, "/"));
        List<Frame> frames = p.frames();
        assertTrue(frames.contains(new Frame.RstStream(201, Http2ErrorCode.REFUSED_STREAM.code())), frames::toString);
        for (int i = 1; i <= FloodLimits.DEFAULT_RESETS; i++) {
            p.send(p.client.get(201 + 2 * i, "/"));
        }
        assertCalm(p);
    }

    private static void assertFlood(int limit, Consumer<ClientFrames> frame) {
        EnginePeer p = new EnginePeer().started();
        p.nanos.addAndGet(WINDOW_NANOS);                  // the client's first SETTINGS was in the last window
        for (int i = 0; i < limit; i++) {
            frame.accept(p.client);
        }
        p.send(p.client);
        assertFalse(p.connection.isFinished(), "up to the limit is fine");
        p.nanos.addAndGet(WINDOW_NANOS);
        for (int i = 0; i < limit; i++) {
            frame.accept(p.client);
        }
        p.send(p.client);
        assertFalse(p.connection.isFinished(), "the next window starts from zero");
        frame.accept(p.client);
        p.send(p.client);
        assertCalm(p);
    }

    private static void assertCalm(EnginePeer p) {
        Frame.GoAway goAway = p.goAway(p.frames());
        assertEquals(Http2ErrorCode.ENHANCE_YOUR_CALM.code(), goAway.errorCode());
        assertTrue(p.connection.isFinished());
    }
}
