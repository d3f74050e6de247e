package dev.gyre.ws;

import static dev.gyre.ws.PerMessageDeflateTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WebSocketCodecTest {

    @Test
    void peerInitiatedCloseIsEchoed() {
        try (WebSocketCodec codec = new WebSocketCodec(WebSocketConfig.defaults(), null)) {
            assertEquals(WebSocketCodec.State.OPEN, codec.state());
            WebSocketEvent e = codec.decode(ByteBuffer.wrap(FrameDecoderTest.closeFrame(1001, "away")));
            WebSocketEvent.Close close = (WebSocketEvent.Close) e;
            assertEquals(WebSocketCodec.State.CLOSE_RECEIVED, codec.state());
            assertFalse(codec.canSend());
            assertEquals("880603e9" + "61776179", hexOf(codec.replyTo(close)));
            assertEquals(WebSocketCodec.State.CLOSED, codec.state());
            assertTrue(codec.isDone());
        }
    }

    @Test
    void closeWithoutStatusIsAnsweredWithoutStatus() {
        try (WebSocketCodec codec = new WebSocketCodec(WebSocketConfig.defaults(), null)) {
            WebSocketEvent e = codec.decode(ByteBuffer.wrap(Wire.frame(true, 0, 8, new byte[0])));
            assertEquals("8800", hexOf(codec.replyTo((WebSocketEvent.Close) e)));
        }
    }

    @Test
    void serverInitiatedCloseWaitsForThePeer() {
        try (WebSocketCodec codec = new WebSocketCodec(WebSocketConfig.defaults(), null)) {
            assertEquals("880203e9", hexOf(codec.closeFrame(CloseCodes.GOING_AWAY, "")));
            assertNull(codec.closeFrame(CloseCodes.GOING_AWAY, ""), "one Close per direction");
            assertEquals(WebSocketCodec.State.CLOSE_SENT, codec.state());
            assertFalse(codec.isDone());
            ByteBuffer in = ByteBuffer.wrap(Wire.concat(Wire.text("late message"), FrameDecoderTest.closeFrame(1000, "")));
            assertEquals("text:late message", Wire.describe(codec.decode(in)), "data still arrives until the peer's Close");
            WebSocketEvent.Close close = (WebSocketEvent.Close) codec.decode(in);
            assertNull(codec.replyTo(close));
            assertEquals(WebSocketCodec.State.CLOSED, codec.state());
            assertTrue(codec.isDone());
        }
    }

    @Test
    void protocolErrorFailsTheConnection() {
        try (WebSocketCodec codec = new WebSocketCodec(WebSocketConfig.defaults(), null)) {
            WebSocketEvent.ProtocolError error = (WebSocketEvent.ProtocolError)
                    codec.decode(ByteBuffer.wrap(Wire.frame(true, 0, 1, new byte[] {'x'}, null)));
            assertEquals(WebSocketCodec.State.FAILED, codec.state());
            assertFalse(codec.canSend());
            assertFalse(codec.isDone());
            ByteBuffer close = codec.closeFrame(error.closeCode(), error.reason());
            assertEquals(1002, ByteBuffer.wrap(Wire.serverFrames(close).get(0).payload()).getShort());
            assertTrue(codec.isDone());
        }
    }

    @Test
    void negotiatedDeflateIsUsedBothWays() {
        WebSocketConfig config = WebSocketConfig.defaults()
                .withDeflate(DeflateOptions.defaults().withMinCompressSize(0));
        try (WebSocketCodec codec = new WebSocketCodec(config, new DeflateParameters(false, false, false))) {
            assertEquals("c107f248cdc9c90700", hexOf(codec.encoder().text("Hello")));
            WebSocketEvent e = codec.decode(ByteBuffer.wrap(Wire.frame(true, 4, 1, Wire.hex("f2 48 cd c9 c9 07 00"))));
            assertEquals("text:Hello", Wire.describe(e));
        }
    }

    @Test
    void messageLimitComesFromTheConfig() {
        try (WebSocketCodec codec = new WebSocketCodec(WebSocketConfig.defaults().withMaxMessageSize(200), null)) {
            assertEquals("error:1009", Wire.describe(codec.decode(ByteBuffer.wrap(Wire.frame(true, 0, 2, new byte[201])))));
        }
    }
}
