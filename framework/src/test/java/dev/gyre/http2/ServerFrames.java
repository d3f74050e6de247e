package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a connection wrote, as a client would: frames, and response header blocks decoded with a
 * client-side HPACK decoder that keeps its table across calls.
 */
final class ServerFrames {
    private final FrameDecoder decoder = new FrameDecoder(false, Http2Settings.MAX_MAX_FRAME_SIZE);
    private final HpackDecoder hpack = new HpackDecoder(4096, Integer.MAX_VALUE);

    /** Lets the frame decoder drop the buffer a large frame made it grow, as the server's does when idle. */
    void shrink() {
        decoder.shrink(Http2Connection.IDLE_BUFFER_BYTES);
    }

    /** Every frame in the connection's output, which is cleared. */
    List<Frame> read(Http2Connection connection) {
        ByteSink out = connection.output();
        ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOf(out.array(), out.size()));
        out.clear();
        return decode(bytes);
    }

    /** The frames in {@code bytes}, which may end inside one (it completes on the next call). */
    List<Frame> decode(ByteBuffer bytes) {
        List<Frame> frames = new ArrayList<>();
        try {
            for (Frame f; (f = decoder.next(bytes)) != null; ) {
                frames.add(f);
            }
        } catch (Http2Exception e) {
            throw new AssertionError("the server wrote a broken frame: " + e.getMessage(), e);
        }
        return frames;
    }

    /**
     * Every frame the connection writes as a layer whose transport takes everything at once would read them:
     * the output, then {@link Http2Connection#outputWritten} and what that lets out, until nothing more comes.
     */
    List<Frame> readAll(Http2Connection connection) {
        List<Frame> frames = new ArrayList<>(read(connection));
        connection.outputWritten();
        while (connection.output().size() > 0) {
            frames.addAll(read(connection));
            connection.outputWritten();
        }
        return frames;
    }

    /** The fields of a header block the server wrote (HEADERS fragment with END_HEADERS). */
    Map<String, String> fields(Frame.Headers headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            hpack.decode(headers.fragment(), 0, headers.fragment().length, fields::put);
        } catch (Http2Exception e) {
            throw new AssertionError("the server wrote a broken header block: " + e.getMessage(), e);
        }
        return fields;
    }

    static <T extends Frame> List<T> only(List<Frame> frames, Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Frame f : frames) {
            if (type.isInstance(f)) {
                matching.add(type.cast(f));
            }
        }
        return matching;
    }
}
