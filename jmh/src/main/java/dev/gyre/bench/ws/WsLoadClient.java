package dev.gyre.bench.ws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small WebSocket load client for comparing echo servers on loopback (Gyre's {@code /ws/echo} and
 * {@link NettyWebSocketEchoServer}), bounded in time and connections.
 *
 * <pre>
 * echo:  java -cp ... dev.gyre.bench.ws.WsLoadClient echo --url ws://127.0.0.1:8090/ws/echo \
 *            --connections 64 --size 32 --window 4 --warmup 5 --seconds 15
 * check: java -cp ... dev.gyre.bench.ws.WsLoadClient check --url ws://127.0.0.1:8090/ws/echo
 * idle: java -cp ... dev.gyre.bench.ws.WsLoadClient idle --url ws://127.0.0.1:8090/ws/echo \
 *           --connections 10000 --hold 60
 * </pre>
 *
 * <b>echo</b>: each connection (one virtual thread, blocking socket) keeps {@code window} text messages of
 * {@code size} ASCII bytes in flight and sends the next one when an echo arrives, so every server sees the
 * same offered load; echoes counted after the warm-up give messages per second, and Little's law gives the
 * mean round trip. After the human-readable line it prints one {@code GYRE-WRK} line in the format of
 * {@code jmh/load/report.lua} (echoes as requests, no percentiles, broken connections as read errors), so
 * {@code load-compare.sh} reads it as it reads wrk. Frames are masked (RFC 6455 §5.3) with a fixed key, framed once up front: the client spends
 * its time on the sockets, not on framing. <b>check</b>: one connection, one text message, and {@code ok}
 * when its echo is the same text (else what was wrong, and exit status 1). <b>idle</b>: opens the connections one after another (handshake
 * only), holds them for {@code hold} seconds (for a heap measurement of the server), then closes them.
 */
public final class WsLoadClient {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    private WsLoadClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("echo", "check", "idle").contains(args[0])) {
            System.err.println("usage: WsLoadClient echo|check|idle --url ws://host:port/path [--connections N] "
                    + "[--size BYTES] [--window N] [--warmup S] [--seconds S] [--hold S]");
            System.exit(2);
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        URI url = URI.create(o.getOrDefault("url", "ws://127.0.0.1:8080/ws/echo"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        if (args[0].equals("check")) {
            check(url);
        } else if (args[0].equals("idle")) {
            idle(url, connections, Integer.parseInt(o.getOrDefault("hold", "60")));
        } else {
            echo(url, connections, Integer.parseInt(o.getOrDefault("size", "32")),
                    Integer.parseInt(o.getOrDefault("window", "4")), Integer.parseInt(o.getOrDefault("warmup", "5")),
                    Integer.parseInt(o.getOrDefault("seconds", "15")));
        }
    }

    private static void echo(URI url, int connections, int size, int window, int warmup, int seconds)
            throws Exception {
        byte[] frame = maskedText(size);
        LongAdder echoes = new LongAdder();
        LongAdder broken = new LongAdder();
        AtomicBoolean over = new AtomicBoolean();
        List<Socket> sockets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = open(url);
            sockets.add(s);
            threads.add(Thread.ofVirtual().start(() -> pingPong(s, frame, window, echoes, broken, over)));
        }
        Thread.sleep(warmup * 1000L);
        long from = echoes.sum();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = echoes.sum() - from;
        double elapsed = (System.nanoTime() - start) / 1e9;
        over.set(true);
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.join();
        }
        double rate = count / elapsed;
        System.out.printf("%s: %d connections x %d in flight, %d-byte text: %.0f echoes/s, mean round trip %.3f ms%n",
                url, connections, window, size, rate, connections * window / rate * 1000);
        System.out.printf("GYRE-WRK requests=%d duration_us=%d p50_us=0 p99_us=0 connect=0 read=%d write=0 status=0 "
                + "timeout=0%n", count, Math.round(elapsed * 1e6), broken.sum());
    }

    /**
     * Keeps {@code window} messages in flight until the socket is closed under it; a connection that breaks
     * before the run is {@code over} counts as broken.
     */
    private static void pingPong(Socket socket, byte[] frame, int window, LongAdder echoes, LongAdder broken,
                                 AtomicBoolean over) {
        try {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
            for (int i = 0; i < window; i++) {
                out.write(frame);
            }
            out.flush();
            while (true) {
                skipFrame(in);
                echoes.increment();
                out.write(frame);
                out.flush();
            }
        } catch (IOException closed) {
            if (!over.get()) {
                broken.increment();
            }
        }
    }

    private static void check(URI url) throws IOException {
        int size = 5;
        try (Socket s = open(url)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(maskedText(size));
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            int opcode = in.readUnsignedByte() & 0x0F;
            int length = in.readUnsignedByte() & 0x7F;
            String echo = length <= 125 ? new String(in.readNBytes(length), StandardCharsets.US_ASCII) : "";
            if (opcode != 1 || !echo.equals(maskedTextPayload(size))) {
                System.out.println("wrong echo: opcode " + opcode + ", " + length + " bytes");
                System.exit(1);
            }
            System.out.println("ok");
        }
    }

    private static void idle(URI url, int connections, int hold) throws Exception {
        List<Socket> sockets = new ArrayList<>(connections);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                sockets.add(open(url));
            }
            System.out.printf("%d WebSocket connections open to %s in %.1f s; holding %d s%n", connections, url,
                    (System.nanoTime() - start) / 1e9, hold);
            Thread.sleep(hold * 1000L);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** Connects and completes the opening handshake, insisting on 101. */
    private static Socket open(URI url) throws IOException {
        Socket s = new Socket(url.getHost(), url.getPort());
        s.setTcpNoDelay(true);
        OutputStream out = new BufferedOutputStream(s.getOutputStream());
        out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                s.close();
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) c);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
        }
        return s;
    }

    /** A masked, final text frame of {@code size} ASCII bytes. */
    private static byte[] maskedText(int size) {
        int header = size <= 125 ? 2 : size <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[header + 4 + size];
        f[0] = (byte) 0x81;
        if (size <= 125) {
            f[1] = (byte) (0x80 | size);
        } else if (size <= 0xFFFF) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (size >>> 8);
            f[3] = (byte) size;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) size >>> (56 - 8 * i));
            }
        }
        System.arraycopy(MASK, 0, f, header, 4);
        byte[] payload = maskedTextPayload(size).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            f[header + 4 + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return f;
    }

    /** What {@link #maskedText} carries, unmasked: {@code abc...} repeated. */
    private static String maskedTextPayload(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    /** Reads one server frame (unmasked) and drops its payload. */
    private static void skipFrame(DataInputStream in) throws IOException {
        in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7F;
        long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        in.skipNBytes(length);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
