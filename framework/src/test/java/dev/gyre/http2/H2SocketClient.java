package dev.gyre.http2;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP/2 client on a real socket for the socket-level tests: writes whatever frames a test builds (with
 * {@link ClientFrames}, broken ones included) and reads the server's frames as they come.
 */
final class H2SocketClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ServerFrames frames = new ServerFrames();
    private final List<Frame> received = new ArrayList<>();
    private boolean ended;

    H2SocketClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(200);
        in = socket.getInputStream();
    }

    H2SocketClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        return this;
    }

    /** Half-closes: the server reads EOF, and this client can still read. */
    H2SocketClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Sends, ignoring a connection the server has closed already (the bytes of an attack may outrun it). */
    H2SocketClient sendQuietly(byte[] bytes) {
        try {
            send(bytes);
        } catch (IOException closed) {
            ended = true;
        }
        return this;
    }

    /** Every frame received so far, reading what has arrived within {@code millis}. */
    List<Frame> read(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        byte[] buf = new byte[65_536];
        while (!ended && System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException reset) {
                ended = true;
                break;
            }
            if (n < 0) {
                ended = true;
                break;
            }
            received.addAll(frames.decode(ByteBuffer.wrap(buf, 0, n)));
        }
        return received;
    }

    /** Reads until the server closes the connection (or {@code millis} pass); returns whether it did. */
    boolean awaitClose(long millis) throws IOException {
        read(millis);
        return ended;
    }

    /** Drops the frames received so far and the buffers they grew: a test that measures the heap keeps none. */
    void forget() {
        received.clear();
        frames.shrink();
    }

    /** The GOAWAY the server sent, or {@code null}. */
    Frame.GoAway goAway() {
        return received.stream().filter(Frame.GoAway.class::isInstance).map(Frame.GoAway.class::cast)
                .reduce((first, last) -> last).orElse(null);
    }

    /**
     * The {@code :status} of the first response head on {@code streamId}, reading up to {@code millis} for it;
     * {@code "closed"} if the server closed first, {@code "none"} if nothing came.
     */
    String status(int streamId, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            for (Frame f : read(100)) {
                if (f instanceof Frame.Headers h && h.streamId() == streamId) {
                    return fields(h).get(":status");
                }
            }
        } while (!ended && System.nanoTime() < deadline);
        return ended ? "closed" : "none";
    }

    /** The fields of a response header block the server wrote, decoded in order with the client's table. */
    Map<String, String> fields(Frame.Headers headers) {
        return frames.fields(headers);
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
