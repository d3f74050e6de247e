package dev.gyre.bench.executors;

import dev.gyre.handler.Get;
import dev.gyre.handler.RunOn;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a CPU-bound route does to a cheap one beside it, with the CPU-bound route on virtual threads (the
 * default) and on a fixed pool of one platform thread per core ({@code @RunOn("cpu")}), for
 * {@code docs/sync-vs-async.md}.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar dev.gyre.bench.executors.CpuRouteIsolation [busyClients] [seconds]
 * </pre>
 *
 * For each placement, one server in this JVM; {@code busyClients} virtual threads call the CPU-bound route
 * ({@code /cpu}: some 20 ms of SHA-256 on one core) back to back, while one client calls the cheap blocking
 * route ({@code /cheap}, a virtual thread that returns at once) one request after another; the cheap route's
 * latency percentiles and both routes' rates are printed. Virtual threads are not preempted: CPU-bound
 * handlers hold every carrier thread until they finish, and the cheap route's virtual thread waits for one.
 * On a pool of platform threads the operating system shares the cores, and the carriers stay free.
 */
public final class CpuRouteIsolation {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private CpuRouteIsolation() {
    }

    /** The CPU-bound work: hashes a buffer over and over, about 20 ms on one core of the 2-core machine measured in {@code docs/sync-vs-async.md}. */
    static String burn() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] data = new byte[1024];
            for (int i = 0; i < 4_000; i++) {
                data = sha.digest(data);
                data = java.util.Arrays.copyOf(data, 1024);
            }
            return Integer.toHexString(data[0] & 0xff);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both routes, the CPU-bound one on virtual threads. */
    public static final class OnVirtualThreads {
        @Get("/cpu")
        public String cpu() {
            return burn();
        }

        @Get("/cheap")
        public String cheap() {
            return "ok";
        }
    }

    /** Both routes, the CPU-bound one on the named pool. */
    public static final class OnPool {
        @Get("/cpu")
        @RunOn("cpu")
        public String cpu() {
            return burn();
        }

        @Get("/cheap")
        public String cheap() {
            return "ok";
        }
    }

    public static void main(String[] args) throws Exception {
        int busy = args.length > 0 ? Integer.parseInt(args[0]) : 4 * CORES;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("cores %d, %d clients on /cpu, one client on /cheap, %d s each%n", CORES, busy, seconds);
        run("virtual threads (default)", Gyre.builder().handlers(new OnVirtualThreads()), busy, seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CORES, Thread.ofPlatform().name("cpu-", 0).factory());
        try {
            run("@RunOn(\"cpu\"), fixed pool of " + CORES, Gyre.builder().handlers(new OnPool()).executor("cpu", pool),
                    busy, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(String label, Gyre.Builder builder, int busy, int seconds) throws Exception {
        try (GyreServer server = builder.host("127.0.0.1").port(0).loops(1).noWatchdog().start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI cpu = URI.create(server.url() + "/cpu");
            URI cheap = URI.create(server.url() + "/cheap");
            for (int i = 0; i < 200; i++) {
                client.send(HttpRequest.newBuilder(cheap).build(), HttpResponse.BodyHandlers.discarding());
            }
            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder cpuDone = new LongAdder();
            List<Thread> loaders = new ArrayList<>();
            for (int i = 0; i < busy; i++) {
                loaders.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        try {
                            client.send(HttpRequest.newBuilder(cpu).build(), HttpResponse.BodyHandlers.discarding());
                            cpuDone.increment();
                        } catch (Exception e) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(1_000);
            cpuDone.reset();
            List<Long> micros = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                client.send(HttpRequest.newBuilder(cheap).build(), HttpResponse.BodyHandlers.discarding());
                micros.add((System.nanoTime() - start) / 1_000);
            }
            long cpuCount = cpuDone.sum();
            running.set(false);
            for (Thread t : loaders) {
                t.join();
            }
            micros.sort(null);
            System.out.printf("%-36s /cheap p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%5d req)   /cpu %6.1f req/s%n",
                    label, pct(micros, 0.50), pct(micros, 0.99), micros.getLast() / 1000.0, micros.size(),
                    cpuCount / (double) seconds);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1000.0;
    }
}
