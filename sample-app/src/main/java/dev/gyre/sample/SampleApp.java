package dev.gyre.sample;

import dev.gyre.openapi.OpenApiInfo;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sample server: {@code java -jar sample-app/target/sample-app.jar [--port N]
 * [--loops N] [--blocking-pool virtual|fixed:N]}. The port also comes from {@code PORT}; the default is
 * 8080. SIGTERM (Ctrl-C) stops it gracefully.
 */
public final class SampleApp {
    private static final Logger log = LoggerFactory.getLogger(SampleApp.class);

    private SampleApp() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        GyreServer server = start(options);
        log.info("Gyre sample app serving {} ({} loops, blocking handlers on {})", server.url(),
                options.loops(), options.blockingPool());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            server.stop(Duration.ofSeconds(10));
        }, "gyre-shutdown"));
    }

    /** Builds and starts the server for these options; the tests use it too. */
    public static GyreServer start(Options options) {
        Gyre.Builder builder = Gyre.builder()
                .port(options.port())
                .loops(options.loops())
                .handlers(new HelloApi(), new ThreadsApi(), new WsEchoApi(), new ChatSocket(), new ChatPage());
        ExecutorService pool = options.fixedPoolSize() > 0
                ? Executors.newFixedThreadPool(options.fixedPoolSize(),
                        Thread.ofPlatform().name("gyre-pool-", 0).daemon(true).factory())
                : null;
        if (pool != null) {
            builder.blockingExecutor(pool);
        }
        builder.openApi(OpenApiInfo.of("Gyre sample app", "0.1.0")
                .description("The benchmark endpoints and the sync/async experiment. See docs/openapi.md."));
        return builder.start();
    }

    /**
     * Command-line options.
     *
     * @param fixedPoolSize 0 for virtual threads, else the size of a fixed platform-thread pool
     */
    public record Options(int port, int loops, int fixedPoolSize) {
        static final String USAGE = "usage: java -jar sample-app.jar [--port N] [--loops N] "
                + "[--blocking-pool virtual|fixed:N]";

        public static Options defaults() {
            return new Options(8080, Runtime.getRuntime().availableProcessors(), 0);
        }

        static Options parse(String[] args, String portEnv) {
            int port = portEnv == null || portEnv.isBlank() ? 8080 : number("PORT", portEnv);
            int loops = Runtime.getRuntime().availableProcessors();
            int fixed = 0;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                String name;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg;
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--port" -> port = number(name, value);
                    case "--loops" -> loops = number(name, value);
                    case "--blocking-pool" -> fixed = pool(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, loops, fixed);
        }

        private static int pool(String value) {
            if (value.equals("virtual")) {
                return 0;
            }
            if (value.startsWith("fixed:")) {
                int n = number("--blocking-pool", value.substring(6));
                if (n > 0) {
                    return n;
                }
            }
            throw new IllegalArgumentException("--blocking-pool takes virtual or fixed:N, not " + value);
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number, not " + value);
            }
        }

        String blockingPool() {
            return fixedPoolSize == 0 ? "virtual threads" : "a fixed pool of " + fixedPoolSize + " threads";
        }
    }
}
