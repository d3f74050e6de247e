package dev.gyre.bench.path;

import com.sun.management.ThreadMXBean;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The loop thread's CPU time per request when every read event carries one request: what {@link LoopAllocation}
 * leaves out by pipelining 16. One loop serves {@link PlaintextPathBenchmark.HelloApi} on an ephemeral port; a
 * client thread holds {@code connections} connections on its own selector and sends each its next request once
 * the answer to the last has come; the loop thread's user time, user plus system time and allocated bytes are
 * read around each round.
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.gyre.bench.path.LoopCpuNonPipelined [/plaintext|/json] [rounds] [connections] [requests per round]</pre>
 *
 * User time is the figure for the server's own code (the kernel's TCP work is the system part); it is counted in
 * scheduler ticks, so a round needs some hundred thousand requests to be read to a few per cent. Read the rounds
 * after the first two (the JIT's), and compare two builds by interleaved runs (A B B A): the machine's load moves
 * every figure.
 */
public final class LoopCpuNonPipelined {
    private static final byte[] STATUS_LINE_START = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

    private LoopCpuNonPipelined() {
    }

    public static void main(String[] args) throws IOException {
        String path = args.length > 0 ? args[0] : "/plaintext";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
        try (GyreServer server = Gyre.builder().port(0).loops(1).docs(false)
                .handlers(new PlaintextPathBenchmark.HelloApi()).start();
                Selector selector = Selector.open()) {
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("gyre-loop")).findFirst().orElseThrow();
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, new int[1]);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            for (int round = 1; round <= rounds; round++) {
                long user = threads.getThreadUserTime(loop.threadId());
                long cpu = threads.getThreadCpuTime(loop.threadId());
                long allocated = threads.getThreadAllocatedBytes(loop.threadId());
                long started = System.nanoTime();
                long answered = run(selector, request, in, perRound);
                long seconds = System.nanoTime() - started;
                System.out.printf("%s round %d: user %.0f ns, user+sys %.0f ns, %.1f B per request on the loop;"
                                + " %.0f req/s%n", path, round,
                        (threads.getThreadUserTime(loop.threadId()) - user) / (double) answered,
                        (threads.getThreadCpuTime(loop.threadId()) - cpu) / (double) answered,
                        (threads.getThreadAllocatedBytes(loop.threadId()) - allocated) / (double) answered,
                        answered * 1e9 / seconds);
            }
        }
    }

    /** Sends {@code total} requests, one at a time per connection; returns how many were answered (all of them). */
    private static long run(Selector selector, byte[] request, ByteBuffer in, long total) throws IOException {
        long sent = 0;
        for (SelectionKey key : selector.keys()) {
            ((SocketChannel) key.channel()).write(ByteBuffer.wrap(request));
            sent++;
        }
        long answered = 0;
        while (answered < sent) {
            selector.select();
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel channel = (SocketChannel) key.channel();
                int got = answers(channel, in, (int[]) key.attachment());
                answered += got;
                for (int i = 0; i < got && sent < total; i++) {
                    channel.write(ByteBuffer.wrap(request));
                    sent++;
                }
            }
        }
        return answered;
    }

    /** Reads what {@code channel} has and counts the status lines in it; {@code matched} carries a cut one over. */
    private static int answers(SocketChannel channel, ByteBuffer in, int[] matched) throws IOException {
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            throw new IOException("the server closed a connection");
        }
        int seen = 0;
        for (int i = 0; i < n; i++) {
            byte b = in.get(i);
            matched[0] = b == STATUS_LINE_START[matched[0]] ? matched[0] + 1 : b == STATUS_LINE_START[0] ? 1 : 0;
            if (matched[0] == STATUS_LINE_START.length) {
                seen++;
                matched[0] = 0;
            }
        }
        return seen;
    }
}
