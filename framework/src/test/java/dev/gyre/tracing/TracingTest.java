package dev.gyre.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server spans through the OpenTelemetry SDK's in-memory exporter, for requests over real sockets. */
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private final HttpClient client = HttpClient.newHttpClient();
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private SdkTracerProvider tracerProvider;
    private GyreServer server;
    private final Routes routes = new Routes();

    public static final class Routes {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Get("/items/{id}")
        public String blocking(@PathParam long id) {
            return spanOfThisThread();
        }

        @Get("/inline")
        @NonBlocking
        public String inline() {
            return spanOfThisThread();
        }

        @Get("/hold")
        public String hold() throws InterruptedException {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return spanOfThisThread();
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("the database is gone");
        }

        private static String spanOfThisThread() {
            var context = Span.current().getSpanContext();
            return context.getTraceId() + "/" + context.getSpanId();
        }
    }

    @BeforeEach
    void start() {
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        server = Gyre.builder().port(0).loops(1).handlers(routes).blockingLimits(1, 4)
                .tracing(GyreTracing.of(otel)).start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
        tracerProvider.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private SpanData onlySpan() {
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertEquals(1, spans.size(), spans.toString());
        return spans.getFirst();
    }

    @Test
    void anIncomingTraceIsContinuedAndTheSpanIsNamedByItsRoute() throws Exception {
        HttpResponse<String> response = send(request("/items/7")
                .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
                .header("tracestate", "vendor=opaque"));
        SpanData span = onlySpan();
        assertEquals("GET /items/{id}", span.getName());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals(PARENT_ID, span.getParentSpanId());
        assertTrue(span.getParentSpanContext().isRemote());
        assertEquals("opaque", span.getSpanContext().getTraceState().get("vendor"));
        assertEquals("/items/{id}", span.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals("/items/7", span.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals("GET", span.getAttributes().get(AttributeKey.stringKey("http.request.method")));
        assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("127.0.0.1", span.getAttributes().get(AttributeKey.stringKey("client.address")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(TRACE_ID + "/" + span.getSpanId(), response.body(), "the span is current on the virtual thread");
    }

    @Test
    void theSpanIsCurrentInANonBlockingHandler() throws Exception {
        HttpResponse<String> response = send(request("/inline"));
        SpanData span = onlySpan();
        assertEquals(span.getTraceId() + "/" + span.getSpanId(), response.body());
        assertFalse(span.getParentSpanContext().isValid(), "no traceparent: a new trace");
    }

    @Test
    void aQueuedBlockingHandlerRunsInItsOwnSpanNotTheOneThatFreedItsPermit() throws Exception {
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(request("/hold").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(routes.entered.await(20, TimeUnit.SECONDS));
        String otherTrace = "0af7651916cd43dd8448eb211c80319c";
        CompletableFuture<HttpResponse<String>> queued = client.sendAsync(request("/items/1")
                .header("traceparent", "00-" + otherTrace + "-b7ad6b7169203331-01").build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        routes.release.countDown();
        String holder = held.get(20, TimeUnit.SECONDS).body();
        String waiter = queued.get(20, TimeUnit.SECONDS).body();
        assertTrue(waiter.startsWith(otherTrace + "/"), "ran in its own trace: " + waiter + ", not " + holder);
        SpanData waiterSpan = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(otherTrace)).findFirst().orElseThrow();
        assertEquals(otherTrace + "/" + waiterSpan.getSpanId(), waiter);
    }

    @Test
    void aFailureIsRecordedAndA5xxIsAnError() throws Exception {
        assertEquals(500, send(request("/boom")).statusCode());
        SpanData span = onlySpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals(500L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertTrue(span.getEvents().stream().anyMatch(e -> e.getName().equals("exception")
                && "java.lang.IllegalStateException".equals(
                        e.getAttributes().get(AttributeKey.stringKey("exception.type")))), span.getEvents().toString());
    }

    @Test
    void anUnroutedRequestIsNamedByItsMethodAlone() throws Exception {
        assertEquals(404, send(request("/nowhere")).statusCode());
        SpanData span = onlySpan();
        assertEquals("GET", span.getName());
        assertNull(span.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), "a 404 is the client's error, not ours");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "get", "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY"})
    void aMethodTheConventionsDoNotKnowIsOther(String method) throws Exception {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            channel.write(ByteBuffer.wrap((method + " /items/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(4096);
            while (channel.read(answer) >= 0) {
                answer.clear();
            }
        }
        SpanData span = onlySpan();
        assertTrue(span.getName().equals("HTTP") || span.getName().equals("HTTP /items/{id}"), span.getName());
        assertEquals("_OTHER", span.getAttributes().get(AttributeKey.stringKey("http.request.method")));
        assertEquals(method, span.getAttributes().get(AttributeKey.stringKey("http.request.method_original")));
    }

    @Test
    void aKnownMethodHasNoOriginal() throws Exception {
        send(request("/inline"));
        assertNull(onlySpan().getAttributes().get(AttributeKey.stringKey("http.request.method_original")));
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() throws Exception {
        send(request("/inline").header("traceparent", "00-zzzz-" + PARENT_ID + "-01"));
        SpanData span = onlySpan();
        assertFalse(span.getParentSpanContext().isValid());
        assertTrue(span.getSpanContext().isValid());
    }
}
