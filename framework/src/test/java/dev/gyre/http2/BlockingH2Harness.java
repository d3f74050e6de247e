package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The smallest server that puts an {@link Http2Connection} on a real socket, so that real clients (curl, nghttp,
 * h2load, the JDK's HttpClient) can talk to the engine before the connection layer exists: one thread per
 * connection reads, feeds the engine, and writes what it produced. It speaks h2c by prior knowledge and by
 * {@code Upgrade: h2c}, which it parses just enough to hand over. Routes: {@code /hello} (text), {@code /echo} (the request body
 * back), {@code /big?n} (n bytes, sent as the client's window allows). Test code only.
 */
final class BlockingH2Harness implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    BlockingH2Harness() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("h2-harness-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 4);
             OutputStream out = socket.getOutputStream()) {
            Routes routes = new Routes();
            Http2Connection connection = new Http2Connection(Http2Limits.defaults(), routes, true, System::nanoTime);
            routes.connection = connection;
            byte[] buffer = new byte[16_384];
            if (!upgraded(in, out, connection, routes)) {
                return;
            }
            flush(connection, out);
            routes.respondToUpgrade();
            flush(connection, out);
            while (!connection.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                connection.receive(ByteBuffer.wrap(buffer, 0, n));
                flush(connection, out);
            }
        } catch (IOException e) {
            // the client went away: nothing to clean up beyond the socket
        }
    }

    /**
     * Reads what comes first: the HTTP/2 preface (prior knowledge), left in the stream for the engine, or an
     * HTTP/1.1 request with {@code Upgrade: h2c}, answered 101 and handed to the engine as stream 1.
     *
     * @return whether to go on in HTTP/2 (anything else is answered 505 and closed)
     */
    private static boolean upgraded(PushbackInputStream in, OutputStream out, Http2Connection connection,
                                    Routes routes) throws IOException {
        byte[] first = in.readNBytes(4);
        in.unread(first);
        if (Arrays.equals(first, "PRI ".getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Headers headers = new Headers();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        if (!headers.containsToken("upgrade", "h2c") || headers.get("http2-settings") == null) {
            out.write("HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return false;
        }
        Http2Request request = new Http2Request(requestLine[0], "http", headers.get("host"), requestLine[1],
                headers, -1);
        connection.acceptUpgrade(request, headers.get("http2-settings"));
        out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        routes.upgraded = request;
        return true;
    }

    private static void flush(Http2Connection connection, OutputStream out) throws IOException {
        ByteSink output = connection.output();
        while (output.size() > 0) {
            out.write(output.array(), 0, output.size());
            output.clear();
            connection.outputWritten();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }

    /** Answers each request when it has fully arrived, from inside the listener, as a loop handler would. */
    private static final class Routes implements Http2Listener {
        Http2Connection connection;
        Http2Request upgraded;
        private final Map<Integer, String> paths = new HashMap<>();
        private final Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
        private final Map<Integer, long[]> bigLeft = new HashMap<>();

        @Override
        public void onRequest(int streamId, Http2Request request, boolean endStream) {
            paths.put(streamId, request.path());
            bodies.put(streamId, new ByteArrayOutputStream());
            if (endStream) {
                respond(streamId);
            }
        }

        /** Answers the upgraded HTTP/1.1 request, stream 1, if there was one. */
        void respondToUpgrade() {
            if (upgraded != null) {
                onRequest(1, upgraded, true);
            }
        }

        @Override
        public void onData(int streamId, ByteBuffer data, boolean endStream) {
            int n = data.remaining();
            bodies.get(streamId).write(data.array(), data.arrayOffset() + data.position(), n);
            connection.consumed(streamId, n);
            if (endStream) {
                respond(streamId);
            }
        }

        @Override
        public void onTrailers(int streamId, Headers trailers) {
            respond(streamId);
        }

        @Override
        public void onReset(int streamId, Http2ErrorCode error) {
            bigLeft.remove(streamId);
        }

        @Override
        public void onWritable(int streamId) {
            sendBig(streamId);
        }

        @Override
        public void onGoAway(int lastStreamId, Http2ErrorCode error) {
        }

        private void respond(int streamId) {
            String path = paths.remove(streamId);
            byte[] body = bodies.remove(streamId).toByteArray();
            if (path.startsWith("/big?")) {
                long n = Long.parseLong(path.substring(5));
                connection.sendHeaders(streamId, 200, new Headers().add("content-length", Long.toString(n)), false);
                bigLeft.put(streamId, new long[] {n});
                sendBig(streamId);
                return;
            }
            byte[] answer = switch (path) {
                case "/hello" -> "hello over h2\n".getBytes(StandardCharsets.US_ASCII);
                case "/echo" -> body;
                default -> null;
            };
            if (answer == null) {
                connection.sendHeaders(streamId, 404, new Headers(), true);
                return;
            }
            connection.sendHeaders(streamId, 200, new Headers().add("Content-Type", "text/plain")
                    .add("Content-Length", Integer.toString(answer.length)), false);
            connection.sendData(streamId, ByteBuffer.wrap(answer), true);
        }

        private void sendBig(int streamId) {
            long[] left = bigLeft.get(streamId);
            while (left != null && left[0] > 0) {
                int n = (int) Math.min(left[0], 32_768);
                left[0] -= n;
                boolean end = left[0] == 0;
                if (end) {
                    bigLeft.remove(streamId);
                }
                if (!connection.sendData(streamId, ByteBuffer.wrap(new byte[n]), end)) {
                    return;
                }
            }
        }
    }
}
