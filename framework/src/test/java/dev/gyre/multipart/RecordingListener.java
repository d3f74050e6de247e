package dev.gyre.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/** Writes down every event of a parser as text: {@code name|filename|type=content}, one entry per part. */
final class RecordingListener implements PartListener {
    final List<String> parts = new ArrayList<>();
    final List<PartHead> heads = new ArrayList<>();
    final List<byte[]> contents = new ArrayList<>();
    private PartHead head;
    private ByteArrayOutputStream data;

    @Override
    public void partStarted(PartHead part) {
        if (head != null) {
            throw new AssertionError("a part started inside another");
        }
        head = part;
        data = new ByteArrayOutputStream();
    }

    @Override
    public void partData(ByteBuffer bytes) {
        if (head == null || !bytes.hasRemaining()) {
            throw new AssertionError("data outside a part, or an empty piece");
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        data.writeBytes(copy);
    }

    @Override
    public void partEnded() {
        parts.add(head.name() + "|" + head.filename() + "|" + head.contentType() + "="
                + data.toString(StandardCharsets.ISO_8859_1));
        heads.add(head);
        contents.add(data.toByteArray());
        head = null;
    }

    /** Parses {@code body} fed in pieces of {@code piece} bytes; the events, or the failure as {@code "413: …"}. */
    static List<String> parse(String boundary, byte[] body, int piece, MultipartLimits limits) {
        return parse(boundary, body, at -> piece, limits);
    }

    /** Parses {@code body} fed in pieces of 1 to 64 bytes, their sizes drawn from {@code seed}. */
    static List<String> parseInRandomPieces(String boundary, byte[] body, long seed, MultipartLimits limits) {
        Random sizes = new Random(seed);
        return parse(boundary, body, at -> 1 + sizes.nextInt(64), limits);
    }

    private static List<String> parse(String boundary, byte[] body, IntUnaryOperator pieceAt,
                                      MultipartLimits limits) {
        return parse(boundary, body, pieceAt, limits, new RecordingListener());
    }

    /** Parses {@code body} whole into {@code listener}; the events, or the failure as {@code "413: …"}. */
    static List<String> parse(String boundary, byte[] body, MultipartLimits limits, RecordingListener listener) {
        return parse(boundary, body, at -> Math.max(1, body.length), limits, listener);
    }

    private static List<String> parse(String boundary, byte[] body, IntUnaryOperator pieceAt,
                                      MultipartLimits limits, RecordingListener listener) {
        try {
            MultipartParser parser = new MultipartParser(boundary, limits, listener);
            for (int at = 0, piece; at < body.length; at += piece) {
                piece = Math.min(pieceAt.applyAsInt(at), body.length - at);
                parser.feed(ByteBuffer.wrap(body, at, piece));
            }
            parser.finish();
        } catch (MultipartException e) {
            List<String> failed = new ArrayList<>(listener.parts);
            failed.add(e.status() + ": " + e.getMessage());
            return failed;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return listener.parts;
    }
}
