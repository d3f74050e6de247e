package dev.gyre.sample;

import com.zaxxer.hikari.HikariDataSource;
import dev.gyre.files.StaticFiles;
import dev.gyre.health.HealthOptions;
import dev.gyre.metrics.GyreMetrics;
import dev.gyre.middleware.AccessLog;
import dev.gyre.middleware.Compression;
import dev.gyre.middleware.Cors;
import dev.gyre.middleware.RequestIdFilter;
import dev.gyre.openapi.OpenApiInfo;
import dev.gyre.sample.AuthApi.CurrentUser;
import dev.gyre.security.OAuth2PasswordBearer;
import dev.gyre.proxy.ProxyProtocol;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.transport.Tls;
import java.nio.file.Path;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Runs the sample server: {@code java -jar sample-app/target/sample-app.jar [--port N]
 * [--loops N] [--blocking-pool virtual|fixed:N] [--trusted-proxy CIDR]... [--drain-delay SECONDS]
 * [--metrics on|off] [--database-url jdbc:… [--database-user U] [--database-password P]
 * [--database-pool N]] [--https-port N --tls-cert cert.pem --tls-key key.pem [--tls-provider jdk|conscrypt]]
 * [--proxy-protocol N]}. The port also comes from
 * {@code PORT}; the default is 8080. The items live in an in-memory H2 database unless
 * {@code --database-url} names another. With the three TLS options every route is served over HTTPS too, on
 * its own port (see {@code docs/tls.md}), on the JDK's TLS provider or, with
 * {@code --tls-provider conscrypt}, on Conscrypt's. {@code --proxy-protocol N} adds a cleartext port whose connections
 * must start with a PROXY protocol header (HAProxy's {@code send-proxy}, {@code send-proxy-v2}); the main port
 * stays as it is, for probes and scrapes. SIGTERM (Ctrl-C) stops it gracefully: readiness turns 503, the
 * drain delay passes, then requests in flight are answered.
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
        routeJavaLoggingToSlf4j();
        GyreServer server = start(options);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log.info("stopping");
            server.stop(Duration.ofSeconds(10));
        }, "gyre-shutdown"));
        exitWhenUnhealthy(server, stopping);
    }

    /**
     * Waits on the main thread while the server is healthy and not {@code stopping}. A loop whose thread ended unasked leaves a
     * server that refuses part of its connections; the process exits with status 70 (EX_SOFTWARE) then, so
     * that a supervisor restarts it, instead of living on half-dead or exiting 0 when the last loop ends.
     */
    private static void exitWhenUnhealthy(GyreServer server, AtomicBoolean stopping) {
        try {
            while (server.healthy()) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            return;
        }
        if (stopping.get()) {
            return;
        }
        System.err.println("gyre sample app: an event loop died; exiting with status 70");
        System.exit(70);
    }

    /**
     * Sends what libraries log through JBoss Logging (Hibernate Validator's {@code HV000001} banner) and
     * through {@code java.util.logging} to SLF4J, so that every line has one format and one switch. JBoss
     * Logging would otherwise pick {@code java.util.logging}, as no Logback is present.
     */
    private static void routeJavaLoggingToSlf4j() {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Builds and starts the server for these options. */
    public static GyreServer start(Options options) {
        Gyre.Builder builder = Gyre.builder().port(options.port()).loops(options.loops());
        if (options.https() != null) {
            Tls tls = Tls.pem(options.https().certificate(), options.https().key());
            builder.listen(options.https().port(),
                    options.https().conscrypt() ? tls.provider(Conscrypt.newProvider()) : tls);
        }
        if (options.proxyProtocolPort() != null) {
            builder.listen(options.proxyProtocolPort(), ProxyProtocol.required());
        }
        if (options.fixedPoolSize() > 0) {
            builder.blockingThreads(options.fixedPoolSize());
        }
        HikariDataSource pool = options.database().open();
        try {
            return configure(builder, options, pool).start();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** {@link #configure(Gyre.Builder, Options, DataSource)} with a pool opened on the options' database. */
    public static Gyre.Builder configure(Gyre.Builder builder, Options options) {
        return configure(builder, options, options.database().open());
    }

    /** {@link #configure(Gyre.Builder, Options)} with the default options. */
    public static Gyre.Builder configure(Gyre.Builder builder) {
        return configure(builder, Options.defaults());
    }

    /**
     * Adds the sample's handlers, provider, filters and operations endpoints ({@code /health/live},
     * {@code /health/ready}, {@code /metrics}); the tests use it with a server on a free port. The filters
     * apply under {@code /items} only, so the benchmark paths stay as cheap as a bare route; the meters
     * cover every path.
     * {@code GET /me} needs a bearer token from {@code POST /token} (see {@link AuthApi}). The items are
     * stored through {@code pool}, whose table is created here if missing; the pool becomes an app-wide
     * value, so the server closes it at the end of {@code stop()} when it is {@code AutoCloseable}, and
     * readiness checks that it hands out a working connection.
     */
    public static Gyre.Builder configure(Gyre.Builder builder, Options options, DataSource pool) {
        ItemStore store = ItemStore.open(pool);
        TokenStore tokens = new TokenStore();
        OAuth2PasswordBearer oauth2 = new OAuth2PasswordBearer(AuthApi.TOKEN_URL);
        builder.health(HealthOptions.defaults().drainDelay(options.drainDelay()).checkTimeout(Database.READINESS_TIMEOUT))
                .trustedProxies(TrustedProxies.of(options.trustedProxies().toArray(String[]::new)))
                .healthCheck("database", store::check);
        if (options.metrics()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            builder.metrics(GyreMetrics.of(registry)).executor(MetricsApi.EXECUTOR, MetricsApi.executor())
                    .handlers(new MetricsApi(registry));
        }
        return builder
                .handlers(new HelloApi(), new ClientApi(), new ThreadsApi(), new ItemsApi(), new FilesApi(), new EventsApi(),
                        new TrailersApi(), new WsEchoApi(), new ChatSocket(), new ChatPage(), new AuthApi(tokens))
                .provide(DataSource.class, pool)
                .provide(ItemStore.class, store)
                .provide(CurrentUser.class, oauth2.then((token, scope) -> {
                    String user = tokens.user(token.token());
                    return user == null ? null : new CurrentUser(user);
                }))
                .filter("/items", new RequestIdFilter())
                .filter("/items", new AccessLog())
                .filter("/items", Cors.builder().allowOrigins("*").allowHeaders("Content-Type").build())
                .filter("/items", Compression.defaults())
                .staticFiles("/static", StaticFiles.classpath("static"))
                .openApi(OpenApiInfo.of("Gyre sample app", "0.1.0")
                        .description("The benchmark endpoints, an items API, file uploads, server-sent events and "
                                + "the sync/async experiment. See docs/openapi.md."));
    }

    /**
     * Command-line options.
     *
     * @param fixedPoolSize  0 for virtual threads, else the size of a fixed platform-thread pool
     * @param trustedProxies addresses or CIDR ranges whose forwarding headers are believed
     * @param drainDelay     how long a stopping server serves on with readiness at 503
     * @param metrics        whether to record meters and serve {@code /metrics}
     * @param database       where the items live
     * @param https          the HTTPS listener, or {@code null} for cleartext only
     * @param proxyProtocolPort a cleartext port that requires the PROXY protocol, or {@code null} for none
     */
    public record Options(int port, int loops, int fixedPoolSize, List<String> trustedProxies, Duration drainDelay,
                          boolean metrics, Database database, Https https, Integer proxyProtocolPort) {
        static final String USAGE = "usage: java -jar sample-app.jar [--port N] [--loops N] "
                + "[--blocking-pool virtual|fixed:N] [--trusted-proxy CIDR]... [--drain-delay SECONDS] "
                + "[--metrics on|off] [--database-url jdbc:…] [--database-user U] [--database-password P] "
                + "[--database-pool N] [--https-port N --tls-cert cert.pem --tls-key key.pem "
                + "[--tls-provider jdk|conscrypt]] [--proxy-protocol N]";

        public Options {
            trustedProxies = List.copyOf(trustedProxies);
            TrustedProxies.of(trustedProxies.toArray(String[]::new));
        }

        /** No trusted proxy, no drain delay, meters on, the items in a new in-memory database, cleartext only. */
        public Options(int port, int loops, int fixedPoolSize) {
            this(port, loops, fixedPoolSize, List.of(), Duration.ZERO, true, Database.embedded(), null, null);
        }

        /** Cleartext only. */
        public Options(int port, int loops, int fixedPoolSize, List<String> trustedProxies, Duration drainDelay,
                       boolean metrics, Database database) {
            this(port, loops, fixedPoolSize, trustedProxies, drainDelay, metrics, database, null, null);
        }

        /** An HTTPS port with its certificate chain and PKCS#8 key, both PEM, on Conscrypt or the JDK's provider. */
        public record Https(int port, Path certificate, Path key, boolean conscrypt) {
        }

        public static Options defaults() {
            return new Options(8080, Runtime.getRuntime().availableProcessors(), 0);
        }

        static Options parse(String[] args, String portEnv) {
            int port = portEnv == null || portEnv.isBlank() ? 8080 : number("PORT", portEnv);
            int loops = Runtime.getRuntime().availableProcessors();
            int fixed = 0;
            List<String> proxies = new ArrayList<>();
            Duration drainDelay = Duration.ZERO;
            boolean metrics = true;
            Integer httpsPort = null;
            Path cert = null;
            Path key = null;
            Boolean conscrypt = null;
            String url = Database.embedded().url();
            String user = null;
            String password = null;
            int poolSize = Database.DEFAULT_POOL_SIZE;
            Integer proxyPort = null;
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
                    case "--trusted-proxy" -> proxies.add(value);
                    case "--drain-delay" -> drainDelay = Duration.ofSeconds(number(name, value));
                    case "--metrics" -> metrics = onOff(name, value);
                    case "--https-port" -> httpsPort = number(name, value);
                    case "--tls-cert" -> cert = Path.of(value);
                    case "--tls-key" -> key = Path.of(value);
                    case "--tls-provider" -> conscrypt = provider(value);
                    case "--database-url" -> url = value;
                    case "--database-user" -> user = value;
                    case "--database-password" -> password = value;
                    case "--database-pool" -> poolSize = number(name, value);
                    case "--proxy-protocol" -> proxyPort = number(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            Database database = new Database(url, user, password, poolSize);
            if (httpsPort == null && cert == null && key == null && conscrypt == null) {
                return new Options(port, loops, fixed, proxies, drainDelay, metrics, database, null, proxyPort);
            }
            if (httpsPort == null || cert == null || key == null) {
                throw new IllegalArgumentException("--https-port, --tls-cert and --tls-key go together");
            }
            return new Options(port, loops, fixed, proxies, drainDelay, metrics, database,
                    new Https(httpsPort, cert, key, conscrypt != null && conscrypt), proxyPort);
        }

        /** Whether {@code --tls-provider} names Conscrypt. */
        private static boolean provider(String value) {
            return switch (value) {
                case "jdk" -> false;
                case "conscrypt" -> true;
                default -> throw new IllegalArgumentException("--tls-provider takes jdk or conscrypt, not " + value);
            };
        }

        private static boolean onOff(String name, String value) {
            return switch (value) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException(name + " takes on or off, not " + value);
            };
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
