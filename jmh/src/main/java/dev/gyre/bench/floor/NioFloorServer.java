package dev.gyre.bench.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channel;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The JDK's floor: the C ceiling's contract ({@code jmh/ceiling/ceiling.c}) on one JDK {@link Selector} and
 * {@link SocketChannel}s, to tell what the JDK's NIO costs per request from what a framework on it adds.
 * Every request gets the same fixed 200 "Hello, World!" (headers the size of Gyre's, the {@code Date} taken
 * once at start); a request ends at CRLF CRLF and the ends one read brings are answered in one write, so
 * pipelining works. Nothing is parsed, so only body-less requests are answered correctly; a write the
 * socket does not take whole closes the connection (wrk never leaves one). One thread, one heap buffer
 * each way, {@link Selector#select(java.util.function.Consumer)}. Per connection, the ceiling's request-end
 * matcher (its attachment):
 *
 * <pre>
 *   state = how many bytes of "\r\n\r\n" the input ends with (0..3)
 *        '\r' ──▶ 1     1 ──'\n'──▶ 2     2 ──'\r'──▶ 3     3 ──'\n'──▶ 0, one request more
 *   any other byte ──▶ 0 (a '\r' anywhere ──▶ 1)
 * </pre>
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.gyre.bench.floor.NioFloorServer [--port N]</pre>
 */
public final class NioFloorServer {
    private static final int READ_SIZE = 64 * 1024;

    private NioFloorServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 8080;
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: "
                + DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).format(ZonedDateTime.now(ZoneOffset.UTC))
                + "\r\nServer: floor\r\nContent-Length: 13\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(port), 1024).configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        ByteBuffer in = ByteBuffer.allocate(READ_SIZE);
        ByteBuffer out = ByteBuffer.allocate(READ_SIZE / 16 * response.length);
        System.out.println("nio floor listening on " + port);
        while (true) {
            selector.select(key -> {
                try {
                    if (key.isAcceptable()) {
                        accept(server, selector);
                    } else {
                        answer((SocketChannel) key.channel(), (int[]) key.attachment(), in, out, response);
                    }
                } catch (IOException e) {
                    key.cancel();
                    close(key.channel());
                }
            });
        }
    }

    private static void accept(ServerSocketChannel server, Selector selector) throws IOException {
        SocketChannel c;
        while ((c = server.accept()) != null) {
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.register(selector, SelectionKey.OP_READ, new int[1]);
        }
    }

    /** Counts the request ends in one read and writes as many answers; {@code state} carries over reads. */
    private static void answer(SocketChannel c, int[] state, ByteBuffer in, ByteBuffer out, byte[] response)
            throws IOException {
        in.clear();
        int n = c.read(in);
        if (n < 0) {
            throw new IOException("end of input");
        }
        int ends = 0;
        int s = state[0];
        byte[] a = in.array();
        for (int i = 0; i < n; i++) {
            byte b = a[i];
            if (b == '\r') {
                s = s == 2 ? 3 : 1;
            } else if (b == '\n' && (s == 1 || s == 3)) {
                if (s == 3) {
                    ends++;
                    s = 0;
                } else {
                    s = 2;
                }
            } else {
                s = 0;
            }
        }
        state[0] = s;
        out.clear();
        for (int i = 0; i < ends; i++) {
            out.put(response);
        }
        out.flip();
        c.write(out);
        if (out.hasRemaining()) {
            throw new IOException("the socket did not take a whole write");
        }
    }

    private static void close(Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing what failed: nothing more to do
        }
    }
}
