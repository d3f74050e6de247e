package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.RequestHead;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Feeds bytes to a {@link RequestParser} the way a connection does — in pieces, compacting and refilling
 * one buffer between calls and scribbling over consumed bytes — and records what comes out, checking the
 * parser's contract on every call.
 */
final class ParserDriver {
    /** One request as the parser delivered it. */
    /** {@code trailers} are the parser's at END, null for a message that did not end. */
    record Message(RequestHead head, byte[] body, boolean ended, Headers trailers) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** Everything one input produced. */
    record Outcome(List<Message> messages, int errorStatus, String errorReason) {
        boolean failed() {
            return errorStatus != 0;
        }

        Message only() {
            assertEquals(1, messages.size(), () -> "messages: " + describe());
            return messages.get(0);
        }

        /** A text form covering every observable detail, to compare outcomes of different feeds. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            for (Message m : messages) {
                RequestHead h = m.head();
                sb.append(h.method()).append(' ').append(h.target()).append(" path=").append(h.path())
                        .append(" query=").append(h.query()).append(' ').append(h.version())
                        .append(' ').append(h.headers()).append(" cl=").append(h.contentLength())
                        .append(" chunked=").append(h.chunked()).append(" keepAlive=").append(h.keepAlive())
                        .append(" expect=").append(h.expectContinue()).append(" body=[").append(m.bodyText())
                        .append("] ended=").append(m.ended()).append('\n');
            }
            if (failed()) {
                sb.append("ERROR ").append(errorStatus).append(' ').append(errorReason).append('\n');
            }
            return sb.toString();
        }
    }

    private ParserDriver() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A text block with its LF line ends turned into CRLF. */
    static String crlf(String textBlock) {
        return textBlock.replace("\n", "\r\n");
    }

    static Outcome whole(byte[] input) {
        return parse(input, () -> Integer.MAX_VALUE, HttpLimits.defaults(), false);
    }

    static Outcome byteByByte(byte[] input) {
        return parse(input, () -> 1, HttpLimits.defaults(), false);
    }

    static Outcome randomSplits(byte[] input, long seed, boolean direct) {
        Random random = new Random(seed);
        return parse(input, () -> 1 + random.nextInt(random.nextBoolean() ? 4 : 64), HttpLimits.defaults(),
                direct);
    }

    /** Parses whole, byte by byte and in many seeded random splits; asserts they agree and returns one. */
    static Outcome everyWay(byte[] input) {
        return everyWay(input, HttpLimits.defaults());
    }

    static Outcome everyWay(byte[] input, HttpLimits limits) {
        Outcome whole = parse(input, () -> Integer.MAX_VALUE, limits, false);
        String expected = whole.describe();
        assertEquals(expected, parse(input, () -> 1, limits, false).describe(), "byte by byte");
        for (long seed = 1; seed <= 16; seed++) {
            Random random = new Random(seed);
            Outcome split = parse(input, () -> 1 + random.nextInt(random.nextBoolean() ? 4 : 64), limits,
                    seed % 2 == 0);
            assertEquals(expected, split.describe(), "random splits, seed " + seed);
        }
        return whole;
    }

    static Outcome everyWay(String latin1) {
        return everyWay(bytes(latin1));
    }

    /**
     * Runs the parser over {@code input}, handing it at most {@code pieceSize} new bytes at a time.
     * Stops at ERROR or when the input is used up.
     */
    static Outcome parse(byte[] input, IntSupplier pieceSize, HttpLimits limits, boolean direct) {
        RequestParser parser = new RequestParser(limits);
        ByteBuffer in = direct ? ByteBuffer.allocateDirect(input.length + 8) : ByteBuffer.allocate(input.length + 8);
        in.flip();
        int fed = 0;
        List<Message> messages = new ArrayList<>();
        RequestHead head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int calls = 0;
        while (true) {
            if (++calls > 10 * input.length + 100) {
                fail("parser does not make progress");
            }
            int before = in.position();
            RequestParser.Event event = parser.next(in);
            int consumed = in.position() - before;
            switch (event) {
                case NEED_MORE -> {
                    assertFalse(in.hasRemaining(), "NEED_MORE must consume everything");
                    if (fed == input.length) {
                        if (head != null) {
                            messages.add(new Message(head, body.toByteArray(), false, null));
                        }
                        return new Outcome(messages, 0, null);
                    }
                    int n = Math.min(Math.max(pieceSize.getAsInt(), 1), input.length - fed);
                    in.compact();
                    scribble(in);
                    in.put(input, fed, n).flip();
                    fed += n;
                }
                case HEAD -> {
                    assertTrue(consumed > 0, "HEAD must consume the end of the header section");
                    assertEquals(null, head, "HEAD before END");
                    head = parser.head();
                    body.reset();
                }
                case BODY -> {
                    ByteBuffer piece = parser.body();
                    assertTrue(piece.hasRemaining(), "empty BODY");
                    assertTrue(consumed >= piece.remaining(), "BODY must be consumed from the input");
                    byte[] copy = new byte[piece.remaining()];
                    piece.get(copy);
                    body.writeBytes(copy);
                }
                case END -> {
                    if (head == null) {
                        fail("END without HEAD");
                    }
                    messages.add(new Message(head, body.toByteArray(), true, parser.trailers()));
                    head = null;
                }
                case ERROR -> {
                    int status = parser.errorStatus();
                    assertTrue(status >= 400 && status <= 599, "error status " + status);
                    int position = in.position();
                    assertEquals(RequestParser.Event.ERROR, parser.next(in), "ERROR is terminal");
                    assertEquals(position, in.position(), "nothing is consumed after ERROR");
                    if (head != null) {
                        messages.add(new Message(head, body.toByteArray(), false, null));
                    }
                    return new Outcome(messages, status, parser.errorReason());
                }
            }
        }
    }

    /** Overwrites the free part of the buffer, so a parser that kept pointing at consumed bytes fails. */
    private static void scribble(ByteBuffer in) {
        int position = in.position();
        byte[] junk = new byte[in.remaining()];
        Arrays.fill(junk, (byte) '#');
        in.put(junk).position(position);
    }
}
