package dev.gyre.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client on a plain socket that sends exactly the bytes a test gives it (malformed frames included) and
 * reads the server's frames one by one, for the protocol rules a well-behaved client library would never
 * break.
 */
final class RawWebSocket implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawWebSocket(int port, String requestHead) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        send(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String l; !(l = line()).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
    }

    /** Shakes hands and insists on {@code 101}. */
    static RawWebSocket open(int port, String path) throws IOException {
        return open(port, path, "");
    }

    /** @param extraHeaders more header lines, each ending in CRLF */
    static RawWebSocket open(int port, String path, String extraHeaders) throws IOException {
        RawWebSocket ws = new RawWebSocket(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
        if (ws.status != 101) {
            ws.close();
            throw new AssertionError("expected 101, got " + ws.status);
        }
        return ws;
    }

    /** Sends a whole request head, e.g. a broken handshake, and reads the response's head. */
    static RawWebSocket request(int port, String requestHead) throws IOException {
        return new RawWebSocket(port, requestHead);
    }

    RawWebSocket send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends FIN: the client will write nothing more, and still reads. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next server frame; fails on a masked frame, which a server must never send (RFC 6455 §5.1). */
    Wire.Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("server frame is masked");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(len)];
        in.readFully(payload);
        return new Wire.Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, payload);
    }

    /** Sends a Ping and reads the next frame: the Pong, or a Close. */
    Wire.Frame ping() throws IOException {
        send(Wire.frame(true, 0, 9, new byte[] {1}));
        return read();
    }

    /** Reads the server's Close frame: its status code and reason. */
    String readClose() throws IOException {
        Wire.Frame f = read();
        if (f.opcode() != 8) {
            throw new AssertionError("expected a Close frame, got opcode " + f.opcode());
        }
        return closeStatus(f);
    }

    /** A Close frame's status code and reason, as {@code close:CODE:REASON} ({@code close:} if empty). */
    static String closeStatus(Wire.Frame f) {
        if (f.payload().length == 0) {
            return "close:";
        }
        int code = ((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF);
        return "close:" + code + ":" + new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8);
    }

    /**
     * Whether the server closed the TCP connection in order (FIN, no bytes left) within 5 s; a reset fails the
     * test, since it may destroy the server's last frames before the client reads them.
     */
    boolean serverClosed() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("closed in the response head");
            }
            if (c != '\r') {
                buf.write(c);
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Vanishes as a crashed peer does: an RST instead of a FIN (SO_LINGER 0). */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
