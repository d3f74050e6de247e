package dev.gyre.containment;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking socket client that holds nothing between calls, so that the test's own file descriptors are
 * back where they were once it is closed (an {@code HttpClient} keeps a selector and a pool).
 */
final class RawClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 15_000;
    /** A text frame "hi", masked with a zero key (the key is the client's choice; any value is valid). */
    static final byte[] TEXT_FRAME = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'};
    /** A close frame with code 1000. */
    static final byte[] CLOSE_FRAME = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};

    private final Socket socket = new Socket();

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
    }

    /** Sends {@code GET path} with {@code Connection: close}; returns everything read until the server closes. */
    String get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code GET path} asking for an upgrade to {@code protocol}; returns the response head. */
    String upgrade(String path, String protocol) throws IOException {
        String extra = "websocket".equals(protocol)
                ? "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" : "";
        send("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: " + protocol + "\r\nConnection: Upgrade\r\n" + extra
                + "\r\n");
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads WebSocket frames until a close frame; returns its code. */
    int awaitClose() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            int length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            byte[] payload = in.readNBytes(length);
            if (opcode == 8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }

    /** Reads until the server closes; a server that does not fails this with a {@code SocketTimeoutException}. */
    void awaitEnd() throws IOException {
        socket.getInputStream().readAllBytes();
    }

    private void send(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
