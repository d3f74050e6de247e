package dev.gyre.bench.path;

import com.sun.management.ThreadMXBean;
import dev.gyre.metrics.GyreMetrics;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a real server's loop thread allocates per request: what {@link PlaintextPathBenchmark} models, with
 * the socket, the connection, its exchange, timers and outbound queue all in. One loop serves
 * {@link PlaintextPathBenchmark.HelloApi} on an ephemeral port; one client connection writes batches of 16
 * pipelined requests and reads the 16 answers of each before the next; the loop thread's allocated bytes
 * ({@code ThreadMXBean.getThreadAllocatedBytes}) and its CPU time are read before and after each round.
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.gyre.bench.path.LoopAllocation [/plaintext|/json] [rounds] [none|prometheus]</pre>
 *
 * {@code prometheus} turns the request meters on, into a Prometheus registry, as the sample app runs.
 *
 * The first round includes the JIT's warm-up; read the later ones. Allocation does not depend on the machine's
 * load, so the figure is exact to the byte once the compiled code is steady; the loop's CPU time per request
 * (system calls included) depends on it far less than wall time does, which makes it the number to compare
 * two builds by on a shared machine.
 */
public final class LoopAllocation {
    private static final int PIPELINE_DEPTH = 16;
    private static final int BATCHES_PER_ROUND = 20_000;
    private static final byte[] STATUS_LINE_START = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

    private LoopAllocation() {
    }

    public static void main(String[] args) throws IOException {
        String path = args.length > 0 ? args[0] : "/plaintext";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String meterArg = args.length > 2 ? args[2] : "none";
        if (!meterArg.equals("none") && !meterArg.equals("prometheus")) {
            System.err.println("usage: LoopAllocation [/plaintext|/json] [rounds] [none|prometheus]");
            System.exit(2);
        }
        boolean meters = meterArg.equals("prometheus");
        Gyre.Builder builder = Gyre.builder().port(0).loops(1).docs(false).handlers(new PlaintextPathBenchmark.HelloApi());
        if (meters) {
            builder.metrics(GyreMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        }
        try (GyreServer server = builder.start()) {
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("gyre-loop")).findFirst().orElseThrow();
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: gyre-bench\r\nAccept: */*\r\n\r\n";
            byte[] batch = request.repeat(PIPELINE_DEPTH).getBytes(StandardCharsets.US_ASCII);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                for (int round = 1; round <= rounds; round++) {
                    long before = threads.getThreadAllocatedBytes(loop.threadId());
                    long cpuBefore = threads.getThreadCpuTime(loop.threadId());
                    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                        out.write(batch);
                        readAnswers(in, buffer, PIPELINE_DEPTH);
                    }
                    long after = threads.getThreadAllocatedBytes(loop.threadId());
                    long cpuAfter = threads.getThreadCpuTime(loop.threadId());
                    double requests = BATCHES_PER_ROUND * PIPELINE_DEPTH;
                    System.out.printf("%s%s round %d: %.1f B and %.0f ns of CPU per request on the loop%n", path, meters ? " (meters)" : "", round,
                            (after - before) / requests, (cpuAfter - cpuBefore) / requests);
                }
            }
        }
    }

    /** Reads until {@code count} status lines have arrived (each answer starts with {@code HTTP/1.1 }). */
    private static void readAnswers(InputStream in, byte[] buffer, int count) throws IOException {
        byte[] mark = STATUS_LINE_START;
        int seen = 0;
        int matched = 0;
        while (seen < count) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection after " + seen + " answers");
            }
            for (int i = 0; i < n; i++) {
                matched = buffer[i] == mark[matched] ? matched + 1 : buffer[i] == mark[0] ? 1 : 0;
                if (matched == mark.length) {
                    seen++;
                    matched = 0;
                }
            }
        }
    }
}
