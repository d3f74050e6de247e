package dev.gyre.bench.path;

import dev.gyre.bench.parser.Requests;
import dev.gyre.handler.BlockingLimits;
import dev.gyre.handler.internal.Dispatcher;
import dev.gyre.handler.internal.ExceptionHandlers;
import dev.gyre.handler.Get;
import dev.gyre.handler.internal.HandlerCompiler;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.internal.Route;
import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Exchange;
import dev.gyre.http.Headers;
import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.codec.RequestParser;
import dev.gyre.http.Response;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.http.internal.Peer;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.JsonCodec;
import dev.gyre.json.internal.JsonCodecs;
import dev.gyre.metrics.GyreMetrics;
import dev.gyre.metrics.internal.ServerMeters;
import dev.gyre.observe.internal.ObservingHandler;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.route.Router;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole in-memory request path of a loop handler: parse → route → invoke → encode, for the
 * sample app's {@code /plaintext} and {@code /json}, on {@value #PIPELINE_DEPTH} pipelined requests per
 * read, reported per request.
 *
 * <p>It runs the real {@link RequestParser}, {@link Dispatcher} (router, compiled {@link Route}, result
 * writer) and {@link ResponseEncoder} as {@code Http1Protocol} strings them together, with an exchange
 * that hands the response straight to the encoder and, like the connection's, takes a value's parts
 * ({@link DirectResponder}). Each request is made as the connection makes it, on one {@link Peer} per
 * connection, and the input is one buffer read again from its start, as the loop reuses its read buffer. What
 * it leaves out is the socket and the rest of the connection's bookkeeping (timers, the outbound queue), which
 * the load comparison covers.
 *
 * <p>{@code meters=prometheus} puts the request meters of {@code GyreMetrics} (into a Prometheus
 * registry, as the sample app does) in front of the dispatcher, for what they cost per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PlaintextPathBenchmark.PIPELINE_DEPTH)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlaintextPathBenchmark {
    static final int PIPELINE_DEPTH = 16;

    /** The sample app's benchmark routes. */
    public static final class HelloApi {
        public record Message(String message) {
        }

        @Get("/plaintext")
        @NonBlocking
        public String plaintext() {
            return "Hello, World!";
        }

        @Get("/json")
        @NonBlocking
        public Message json() {
            return new Message("Hello, World!");
        }
    }

    /**
     * An exchange whose response is encoded at once, as the loop does for an inline handler. It answers once, and
     * is the size of the connection's {@code HttpExchange} (24 B: a reference to its owner, the request, a state).
     */
    private final class InlineExchange implements Exchange, DirectResponder {
        private final Request request;
        private boolean answered;

        InlineExchange(Request request) {
            this.request = request;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public boolean respond(Response response) {
            if (answered) {
                return false;
            }
            answered = true;
            RequestHead head = request.head();
            encoder.encode(response, head.version(), head.keepAlive(), false, true, sink);
            return true;
        }

        @Override
        public boolean respond(int status, Headers fields, byte[] body) {
            if (answered) {
                return false;
            }
            answered = true;
            RequestHead head = request.head();
            encoder.encode(status, fields, body, head.version(), head.keepAlive(), false, true, sink);
            return true;
        }

        @Override
        public LoopExecutor loop() {
            return null;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void onComplete(Runnable action) {
            action.run();
        }

        @Override
        public boolean isDelivered() {
            return true;
        }
    }

    @Param({"/plaintext", "/json"})
    public String path;

    @Param({"none", "prometheus"})
    public String meters;

    private final RequestParser parser = new RequestParser(HttpLimits.defaults());
    private final ResponseEncoder encoder = new ResponseEncoder(new HttpDate());
    private final ByteSink sink = new ByteSink();
    private final Peer peer = new Peer(new InetSocketAddress("127.0.0.1", 40000), null);
    private HttpHandler handler;
    private ByteBuffer pipelined;

    @Setup
    public void setUp() {
        JsonCodec json = JsonCodecs.detect();
        ExceptionHandlers errors = ExceptionHandlers.defaults();
        HandlerCompiler compiler = new HandlerCompiler(() -> json, Providers.none(), List.of(), errors);
        Router<Route> router = new Router<>();
        for (Route r : compiler.compile(new HelloApi())) {
            router.add(r.httpMethod(), r.template(), r, r.describe());
        }
        router.freeze();
        Dispatcher dispatcher = new Dispatcher(router, Runnable::run, BlockingLimits.defaults(), errors, List.of(),
                null, UnaryOperator.identity());
        handler = meters.equals("none") ? dispatcher : new ObservingHandler(dispatcher, TrustedProxies.none(),
                List.of(ServerMeters.requests(GyreMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))));
        pipelined = Requests.pipelined(Requests.PLAINTEXT.replace("/plaintext", path), PIPELINE_DEPTH, false);
        int bytes = serve();
        String first = new String(sink.array(), 0, Math.min(bytes, 15), java.nio.charset.StandardCharsets.US_ASCII);
        if (!first.equals("HTTP/1.1 200 OK")) {
            throw new IllegalStateException("unexpected response: " + first);
        }
    }

    /** Returns the bytes encoded for the whole batch. */
    @Benchmark
    public int serve() {
        ByteBuffer in = pipelined.rewind();
        sink.clear();
        RequestHead head = null;
        while (true) {
            switch (parser.next(in)) {
                case HEAD -> head = parser.head();
                case END -> handler.handle(new InlineExchange(dev.gyre.http.internal.Requests.whole(head, null, peer)));
                case BODY -> throw new IllegalStateException("no body expected");
                case NEED_MORE -> {
                    return sink.size();
                }
                case ERROR -> throw new IllegalStateException(parser.errorReason());
            }
        }
    }
}
