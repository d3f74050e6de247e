package dev.gyre.server;

import dev.gyre.files.StaticFiles;
import dev.gyre.health.HealthCheck;
import dev.gyre.health.internal.HealthHandler;
import dev.gyre.health.HealthOptions;
import dev.gyre.handler.BlockingLimits;
import dev.gyre.handler.ExceptionHandler;
import dev.gyre.handler.internal.ExceptionHandlers;
import dev.gyre.handler.internal.FilterRegistration;
import dev.gyre.http.HttpLimits;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.inject.Provider;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.JsonCodec;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.metrics.GyreMetrics;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.proxy.ProxyProtocol;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.tracing.GyreTracing;
import dev.gyre.openapi.OpenApiInfo;
import dev.gyre.middleware.Filter;
import dev.gyre.multipart.MultipartLimits;
import dev.gyre.transport.Tls;
import dev.gyre.ws.WebSocketOptions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The entry point: configure, register handlers, start.
 *
 * <pre>{@code
 * GyreServer server = Gyre.builder()
 *         .port(8080)
 *         .handlers(new ItemsApi())
 *         .start();
 *
 * GyreServer both = Gyre.builder()
 *         .listen(8080)
 *         .listen(8443, Tls.pem(Path.of("cert.pem"), Path.of("key.pem")))
 *         .handlers(new ItemsApi())
 *         .start();
 * }</pre>
 */
public final class Gyre {
    private Gyre() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the configuration; {@link #start()} validates it, compiles the handlers and binds. */
    public static final class Builder {
        ServerConfig config = ServerConfig.defaults();
        final List<Object> handlers = new ArrayList<>();
        ExecutorService blockingExecutor;
        int blockingThreads;
        BlockingLimits blockingLimits;
        JsonCodec json;
        OpenApiInfo openApi;
        boolean docs = true;
        final Providers.Builder providers = Providers.builder();
        final ExceptionHandlers.Builder exceptionHandlers = ExceptionHandlers.builder();
        final List<FilterRegistration> filters = new ArrayList<>();
        Duration watchdogThreshold = BlockedLoopWatchdog.DEFAULT_THRESHOLD;
        final LinkedHashMap<String, StaticFiles> staticFiles = new LinkedHashMap<>();
        WebSocketOptions webSockets = WebSocketOptions.defaults();
        MultipartLimits uploads = MultipartLimits.defaults();
        final Lifespan.Builder lifespan = new Lifespan.Builder();
        final Map<String, Executor> executors = new LinkedHashMap<>();
        HealthOptions health;
        final Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
        TrustedProxies trustedProxies = TrustedProxies.none();
        final List<ExchangeObserver> observers = new ArrayList<>();
        GyreMetrics metrics;
        GyreTracing tracing;
        final List<ServerListeners.Spec> listens = new ArrayList<>();
        boolean portSet;
        Http2Options http2 = Http2Options.defaults();

        private Builder() {
        }

        public Builder host(String host) {
            config = new ServerConfig(Objects.requireNonNull(host), config.port(), config.loops(), config.backlog(),
                    config.limits(), config.timeouts(), config.writeHighWatermark());
            return this;
        }

        /**
         * The cleartext port to listen on; 0 picks a free one (see {@link GyreServer#port()}). Default 8080,
         * used when no {@link #listen} is given; with {@code listen}, a port set here is the first listener.
         */
        public Builder port(int port) {
            config = new ServerConfig(config.host(), port, config.loops(), config.backlog(), config.limits(),
                    config.timeouts(), config.writeHighWatermark());
            portSet = true;
            return this;
        }

        /** Adds a cleartext listener on {@code port} (0 picks a free one); listeners keep the order added. */
        public Builder listen(int port) {
            listens.add(new ServerListeners.Spec(port, null));
            return this;
        }

        /** Adds a TLS listener on {@code port}; see {@link Tls} and {@code docs/tls.md}. */
        public Builder listen(int port, Tls tls) {
            listens.add(new ServerListeners.Spec(port, Objects.requireNonNull(tls)));
            return this;
        }

        /**
         * Adds a cleartext listener whose connections start with a PROXY protocol header (from HAProxy, an AWS
         * NLB, …); see {@link ProxyProtocol} and {@code docs/operations.md}.
         */
        public Builder listen(int port, ProxyProtocol proxy) {
            listens.add(new ServerListeners.Spec(port, null, Objects.requireNonNull(proxy)));
            return this;
        }

        /** Adds a TLS listener whose connections send a PROXY protocol header before their ClientHello. */
        public Builder listen(int port, Tls tls, ProxyProtocol proxy) {
            listens.add(new ServerListeners.Spec(port, Objects.requireNonNull(tls), Objects.requireNonNull(proxy)));
            return this;
        }

        /**
         * How HTTP/2 is offered: ALPN {@code h2} on TLS listeners always; h2c by prior knowledge and by
         * {@code Upgrade: h2c} on cleartext ones, both on by default; and the limits of each connection. See
         * {@code docs/http2.md}.
         */
        public Builder http2(Http2Options options) {
            this.http2 = Objects.requireNonNull(options);
            return this;
        }

        /** How many event loops; default: one per available processor. */
        public Builder loops(int loops) {
            config = new ServerConfig(config.host(), config.port(), loops, config.backlog(), config.limits(),
                    config.timeouts(), config.writeHighWatermark());
            return this;
        }

        public Builder limits(HttpLimits limits) {
            config = new ServerConfig(config.host(), config.port(), config.loops(), config.backlog(),
                    Objects.requireNonNull(limits), config.timeouts(), config.writeHighWatermark());
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            config = new ServerConfig(config.host(), config.port(), config.loops(), config.backlog(),
                    config.limits(), Objects.requireNonNull(timeouts), config.writeHighWatermark());
            return this;
        }

        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * Objects whose annotated methods become routes; objects of classes annotated
         * {@link dev.gyre.ws.WebSocket} become WebSocket endpoints (see {@code docs/websocket.md}).
         */
        public Builder handlers(Object... handlerObjects) {
            for (Object h : handlerObjects) {
                handlers.add(Objects.requireNonNull(h));
            }
            return this;
        }

        /**
         * Where blocking handlers run. Default: a new virtual thread per request. The server shuts down
         * an executor it created, never one given here.
         */
        public Builder blockingExecutor(ExecutorService executor) {
            this.blockingExecutor = Objects.requireNonNull(executor);
            this.blockingThreads = 0;
            return this;
        }

        /**
         * Runs blocking handlers on a pool of {@code threads} platform threads instead of virtual threads
         * (for code that pins carriers or relies on thread locals); the blocking limit then defaults to
         * {@code threads} running plus {@link BlockingLimits#DEFAULT_MAX_QUEUED} waiting.
         */
        public Builder blockingThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one blocking thread is needed: " + threads);
            }
            this.blockingThreads = threads;
            this.blockingExecutor = null;
            return this;
        }

        /**
         * How many blocking handlers may run and wait before the server answers {@code 503} with
         * {@code Retry-After}; default {@link BlockingLimits#defaults()}.
         */
        public Builder blockingLimits(int maxConcurrent, int maxQueued) {
            this.blockingLimits = new BlockingLimits(maxConcurrent, maxQueued);
            return this;
        }

        /**
         * Registers how to make a {@code type} a handler may take as a parameter (FastAPI's Depends), per
         * request: the provider runs once for each request that asks, and an {@link AutoCloseable} value is
         * closed after that request's response.
         */
        public <T> Builder provide(Class<T> type, Provider<? extends T> provider) {
            providers.add(type, provider);
            return this;
        }

        /**
         * Registers one app-wide {@code value} of {@code type} (a pool, a client, a repository), handed to
         * every request as it is and never closed by one; if it is {@link AutoCloseable} it is closed when
         * the server {@linkplain GyreServer#stop stops}, after its handlers, newest registration first.
         *
         * <p>The value is typed {@code Object} rather than {@code T} because a {@code T} overload would make
         * {@code provide(X.class, scope -> …)} ambiguous to the compiler; the type is checked here instead.
         *
         * @throws IllegalArgumentException if {@code value} is not a {@code type}, or {@code type} is
         *     already registered
         */
        public <T> Builder provide(Class<T> type, Object value) {
            providers.value(type, typed(type, value, "the value provided"));
            return this;
        }

        /** {@code value} as a {@code type}, else {@link IllegalArgumentException} naming both. */
        private static <T> T typed(Class<T> type, Object value, String what) {
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException(what + " for " + type.getName() + " is a "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            return type.cast(value);
        }

        /**
         * Replaces whatever is registered for {@code type}, provider or value, before or after this call, with a
         * request-scoped {@code provider}: FastAPI's {@code app.dependency_overrides}, for tests (see
         * {@code dev.gyre.testing}). A value it replaces is still closed at stop, since the application made it.
         *
         * @throws IllegalArgumentException at {@link #start()} when nothing is registered for {@code type}
         */
        public <T> Builder override(Class<T> type, Provider<? extends T> provider) {
            providers.override(type, provider);
            return this;
        }

        /** Replaces whatever is registered for {@code type} with one app-wide {@code value}; see the other override. */
        public <T> Builder override(Class<T> type, Object value) {
            providers.overrideValue(type, typed(type, value, "the override"));
            return this;
        }

        /**
         * Runs {@code hook} in {@link #start()}, after the handlers are compiled and before the port is bound, so
         * before the first request is accepted. Hooks run in registration order; when one throws, the stop hooks
         * registered before it run, the loops and threads the start made are released, and {@code start()} throws
         * {@link IllegalStateException} with the hook's failure as cause.
         */
        public Builder onStart(LifecycleHook hook) {
            lifespan.onStart(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Runs {@code hook} in {@link GyreServer#stop}, after the last response has been sent and the handler
         * threads have ended, before app-wide values are closed; stop hooks run newest first, and one that
         * fails is logged while the others still run.
         */
        public Builder onStop(LifecycleHook hook) {
            lifespan.onStop(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Registers an executor that blocking handlers annotated {@code @RunOn(name)} run on instead of virtual
         * threads, e.g. a fixed pool of one platform thread per core for CPU-bound work. The server never shuts
         * it down: whoever made it does, after {@code stop()}.
         */
        public Builder executor(String name, Executor executor) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(executor, "executor");
            if (executors.putIfAbsent(name, executor) != null) {
                throw new IllegalArgumentException("an executor named " + name + " is already registered");
            }
            return this;
        }

        /** Answers exceptions of {@code type} (and subclasses without a handler of their own). */
        public <E extends Throwable> Builder exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
            exceptionHandlers.add(type, handler);
            return this;
        }

        /** Adds a filter around every request; filters run in the order added, the first outermost. */
        public Builder filter(Filter filter) {
            return filter("", filter);
        }

        /**
         * Adds a filter around requests whose path is {@code prefix} or below it, whatever answers them: a
         * route, a WebSocket handshake, a static mount, or the {@code 404} of no route.
         */
        public Builder filter(String prefix, Filter filter) {
            filters.add(new FilterRegistration(prefix, filter));
            return this;
        }

        /**
         * Warns (once per route, with the loop's stack) when an event loop has not returned to
         * {@code select()} for {@code threshold}; default {@link BlockedLoopWatchdog#DEFAULT_THRESHOLD}.
         */
        public Builder watchdog(Duration threshold) {
            if (threshold.isNegative() || threshold.isZero()) {
                throw new IllegalArgumentException("the watchdog threshold must be positive: " + threshold);
            }
            this.watchdogThreshold = threshold;
            return this;
        }

        /** Turns the blocked-loop watchdog off. */
        public Builder noWatchdog() {
            this.watchdogThreshold = null;
            return this;
        }

        /** The JSON codec; default: Jackson, when it is on the classpath. */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec);
            return this;
        }

        /**
         * Serves the OpenAPI 3.1 document of the routes at {@code /openapi.json}, built at {@link #start()}, and
         * Swagger UI at {@code /docs} when {@code org.webjars:swagger-ui} is on the class path (see
         * {@code docs/openapi.md}). Off by default.
         */
        public Builder openApi(OpenApiInfo info) {
            this.openApi = Objects.requireNonNull(info);
            return this;
        }

        /** Whether {@link #openApi} also serves Swagger UI at {@code /docs}; default true. */
        public Builder docs(boolean enabled) {
            this.docs = enabled;
            return this;
        }

        /**
         * Serves {@code files} (a folder on disk or on the class path) at {@code prefix}, e.g.
         * {@code .staticFiles("/static", StaticFiles.directory(Path.of("public")))}; a {@code GET} below the
         * prefix that no file answers goes on to the routes. Mounts are tried in the order they were added.
         * See {@code docs/static-files.md}.
         */
        public Builder staticFiles(String prefix, StaticFiles files) {
            staticFiles.put(Objects.requireNonNull(prefix), Objects.requireNonNull(files));
            return this;
        }

        /** How WebSocket sessions run: limits, compression, pings and timeouts; see {@link WebSocketOptions}. */
        public Builder webSockets(WebSocketOptions options) {
            this.webSockets = Objects.requireNonNull(options);
            return this;
        }

        /** Serves liveness and readiness probes with {@link HealthOptions#defaults()}; see {@link #health(HealthOptions)}. */
        public Builder health() {
            return health(HealthOptions.defaults());
        }

        /**
         * Serves liveness and readiness probes at the paths {@code options} names, in front of the routes
         * (see {@link HealthHandler}); {@link GyreServer#stop} then turns readiness to {@code 503} and waits
         * {@link HealthOptions#drainDelay()} before it stops accepting. Off by default.
         */
        public Builder health(HealthOptions options) {
            this.health = Objects.requireNonNull(options);
            return this;
        }

        /** Adds a check readiness depends on; turns the probes on with their defaults if they are off. */
        public Builder healthCheck(String name, HealthCheck check) {
            if (healthChecks.putIfAbsent(Objects.requireNonNull(name), Objects.requireNonNull(check)) != null) {
                throw new IllegalArgumentException("a health check named " + name + " is already registered");
            }
            if (health == null) {
                health = HealthOptions.defaults();
            }
            return this;
        }

        /**
         * The peers whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed (see
         * {@link TrustedProxies}); default nobody.
         */
        public Builder trustedProxies(TrustedProxies proxies) {
            this.trustedProxies = Objects.requireNonNull(proxies);
            return this;
        }

        /** Adds an observer of every request that reaches the handlers (probes excepted); see {@link ExchangeObserver}. */
        public Builder observe(ExchangeObserver observer) {
            observers.add(Objects.requireNonNull(observer));
            return this;
        }

        /** Records the server's meters; see {@link GyreMetrics} and {@code docs/operations.md}. */
        public Builder metrics(GyreMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /** Traces every request as a server span; see {@link GyreTracing} and {@code docs/operations.md}. */
        public Builder tracing(GyreTracing tracing) {
            this.tracing = Objects.requireNonNull(tracing);
            return this;
        }

        /**
         * The limits of {@code multipart/form-data} forms (file and field sizes, counts, when files spool to disk);
         * see {@link MultipartLimits}. {@code HttpLimits.maxBodySize} still bounds the whole body.
         */
        public Builder uploads(MultipartLimits limits) {
            this.uploads = Objects.requireNonNull(limits);
            return this;
        }

        public ServerConfig config() {
            return config;
        }

        /**
         * Compiles the handlers, binds the port and starts the loops.
         *
         * @throws IllegalArgumentException for a handler mistake (the message names the method)
         * @throws UncheckedIOException when the port cannot be bound
         */
        public GyreServer start() {
            return ServerAssembly.start(this);
        }
    }
}
