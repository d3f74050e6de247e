package dev.gyre.http;

import dev.gyre.http.internal.Responses;
import dev.gyre.http.internal.TrailerNames;
import dev.gyre.json.JsonCodec;
import dev.gyre.json.internal.JsonCodecs;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a handler answers: a status, header fields and a body.
 *
 * <p>The server adds {@code Content-Length}, {@code Date}, {@code Server} and {@code Connection} itself
 * when it writes the response, so handlers set only what is theirs to say. A response is built on one
 * thread and handed to the connection; it must not be changed after it is returned.
 *
 * <p>The body is one of: bytes (the usual case), a {@linkplain #stream stream} written over time, a
 * {@linkplain #file file region} sent with zero-copy {@code transferTo}, or nothing but a protocol
 * {@linkplain #upgrade(Upgrade) upgrade}. Any body may be followed by {@linkplain #trailer trailer fields}.
 */
public final class Response {
    private static final byte[] EMPTY = new byte[0];
    /** The types {@link #text} and {@link #bytes} most often give, as presets their headers start from. */
    private static final Headers[] CONTENT_TYPES = Stream.of("text/plain; charset=utf-8", "application/json",
            "application/octet-stream").map(type -> Headers.preset("Content-Type", type)).toArray(Headers[]::new);

    private int status;
    private final Headers headers;
    private byte[] body = EMPTY;
    private Consumer<ResponseStream> streamProducer;
    private BlockingProducer blockingProducer;
    private FileRegion file;
    private Upgrade upgrade;
    private Object json;
    private List<String> trailerNames = List.of();
    private List<Supplier<String>> trailerValues;

    static {
        Responses.install(new Responses.Access() {
            @Override
            public Object pendingJson(Response response) {
                return response.json;
            }

            @Override
            public Consumer<ResponseStream> streamProducer(Response response) {
                return response.streamProducer;
            }

            @Override
            public BlockingProducer blockingProducer(Response response) {
                return response.blockingProducer;
            }

            @Override
            public FileRegion file(Response response) {
                return response.file;
            }

            @Override
            public Upgrade upgrade(Response response) {
                return response.upgrade;
            }
        });
    }

    /** Writes a streamed body on a thread that may block; see {@link #streamBlocking}. */
    @FunctionalInterface
    public interface BlockingProducer {
        void writeTo(OutputStream out) throws Exception;
    }

    /**
     * A region of an open file, sent with {@code FileChannel.transferTo}; the connection closes the
     * channel once the region is sent or the client has gone.
     */
    public record FileRegion(FileChannel channel, long position, long count) {
        public FileRegion {
            Objects.requireNonNull(channel, "channel");
            if (position < 0 || count < 0) {
                throw new IllegalArgumentException("position and count must not be negative");
            }
        }
    }

    private Response(int status) {
        this(status, new Headers(4));
    }

    private Response(int status, Headers headers) {
        this.headers = headers;
        status(status);
    }

    /** A response with this status and no body. */
    public static Response of(int status) {
        return new Response(status);
    }

    /** {@code 200} with a UTF-8 text body. */
    public static Response text(String body) {
        return bytes(body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * {@code 200 application/json} with {@code value} as its body, written when a route hands the response on, by
     * that route's JSON codec (the one given to {@code Gyre.builder().json(…)}, else Jackson's default), so it reads
     * as a returned value would. A response made outside a route (in a filter) is written by the default codec.
     *
     * @throws IllegalStateException when written and no JSON library is on the class path
     */
    public static Response json(Object value) {
        Response r = of(200);
        r.headers.set("Content-Type", "application/json");
        r.json = Objects.requireNonNull(value, "value");
        return r;
    }

    /**
     * {@code 200} with raw bytes of the given type. The array is the response's from here on: it is sent as
     * it is when the response is written, so it must not change meanwhile (it may be shared with other
     * responses, read-only).
     */
    public static Response bytes(byte[] body, String contentType) {
        for (Headers preset : CONTENT_TYPES) {
            if (preset.value(0).equals(contentType)) {
                return new Response(200, Headers.startingAs(preset)).body(body);
            }
        }
        return of(200).body(body, contentType);
    }

    /**
     * {@code 200} whose body {@code producer} writes over time, starting on the loop right after the
     * head was sent. The producer must not block: it keeps the stream and writes as data comes,
     * minding {@link ResponseStream#isWritable()}.
     */
    public static Response stream(String contentType, Consumer<ResponseStream> producer) {
        Response r = of(200);
        r.headers.set("Content-Type", contentType);
        r.streamProducer = Objects.requireNonNull(producer, "producer");
        return r;
    }

    /**
     * {@code 200} whose body {@code producer} writes to an {@code OutputStream} on the blocking executor;
     * its writes wait while the client is slow. The response ends when the producer returns; an
     * exception from it cuts the response short (the client sees an incomplete chunked body).
     */
    public static Response streamBlocking(String contentType, BlockingProducer producer) {
        Response r = of(200);
        r.headers.set("Content-Type", contentType);
        r.blockingProducer = Objects.requireNonNull(producer, "producer");
        return r;
    }

    /** A body sent straight from a file region without copying it through the heap. */
    public static Response file(FileRegion region, String contentType) {
        Response r = of(200);
        r.headers.set("Content-Type", contentType);
        r.file = region;
        return r;
    }

    /** Marks this ({@code 101}) response as switching the connection to another protocol. */
    public Response upgrade(Upgrade takeOver) {
        this.upgrade = Objects.requireNonNull(takeOver, "upgrade");
        return status(101);
    }

    /** Whether the body is streamed (either kind). */
    public boolean isStreamed() {
        return streamProducer != null || blockingProducer != null;
    }

    /** The body length when it is known before sending: bytes or a file region; -1 for a stream. */
    public long contentLength() {
        if (isStreamed()) {
            return -1;
        }
        return file != null ? file.count() : body().length;
    }

    public int status() {
        return status;
    }

    public Response status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits: " + status);
        }
        this.status = status;
        return this;
    }

    public Headers headers() {
        return headers;
    }

    /** Adds a header field; see {@link Headers#add}. */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** The body's bytes; a {@link #json(Object)} value still pending is written now, by the default codec. */
    public byte[] body() {
        if (json != null) {
            JsonCodec codec = JsonCodecs.shared();
            if (codec == null) {
                throw new IllegalStateException("Response.json needs a JSON library: add jackson-databind");
            }
            body(codec.write(json));
        }
        return body;
    }

    /** Sets the body's bytes, replacing a pending {@link #json(Object)} value. */
    public Response body(byte[] body) {
        this.body = body == null ? EMPTY : body;
        this.json = null;
        return this;
    }

    /** Sets the body and its {@code Content-Type} together. */
    public Response body(byte[] body, String contentType) {
        headers.set("Content-Type", contentType);
        return body(body);
    }

    public Response body(String text) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a trailer field, sent after the body (RFC 9110 §6.5), whose value {@code value} gives when the body
     * has ended: a checksum, a gRPC-style status, anything known only at the end. The name is announced in a
     * {@code Trailer} header field (RFC 9110 §6.6.2), which this sets, so the head lists every name in order.
     *
     * <p>When the suppliers are asked, on the connection's loop (they must not block), once each: for a whole
     * body (bytes, a file) as the response is written, before its head, so one that throws makes the answer a
     * {@code 500}; for a streamed body when its stream is closed, so one that throws cuts the response short
     * (HTTP/1.1: the connection closes without the last chunk; HTTP/2: the stream is reset with
     * INTERNAL_ERROR). A supplier that gives {@code null} leaves its field out.
     *
     * <p>Where they go: HTTP/2 sends them as a trailing HEADERS frame with END_STREAM after the last DATA;
     * HTTP/1.1 only in the chunked coding, so a body that would have had a {@code Content-Length} is sent
     * chunked. They are dropped, their suppliers never asked, for an HTTP/1.0 client (no chunked coding), a
     * {@code HEAD} request, and statuses without content (1xx, 204, 304); the server then leaves the
     * {@code Trailer} field out too, but for the {@code HEAD} answer, which has the head a GET would get (on
     * HTTP/1.1 a chunked one, without {@code Content-Length}). They are sent whether or not the
     * request said {@code TE: trailers}: every HTTP/1.1 and HTTP/2 client must accept a trailer section and
     * may discard it (RFC 9112 §7.1.2), so, as RFC 9110 §6.5.1 asks, put nothing there the client needs.
     *
     * @throws IllegalArgumentException if the name is not a token, or is one RFC 9110 §6.5.1 keeps out of
     *     trailers (framing, routing, request modifiers, authentication, cookies, caching, content type and
     *     coding: {@code Content-Length}, {@code Host}, {@code Authorization}, {@code Content-Type} …)
     */
    public Response trailer(String name, Supplier<String> value) {
        Objects.requireNonNull(value, "value");
        Headers.checkField(name, "");
        if (TrailerNames.isForbiddenToSend(name)) {
            throw new IllegalArgumentException(name + " may not be sent as a trailer field (RFC 9110 §6.5.1)");
        }
        if (trailerValues == null) {
            trailerNames = new ArrayList<>(2);
            trailerValues = new ArrayList<>(2);
        }
        trailerNames.add(name);
        trailerValues.add(value);
        headers.set("Trailer", String.join(", ", trailerNames));
        return this;
    }

    /** The names given to {@link #trailer}, in order; empty when the response has no trailers. */
    public List<String> trailerNames() {
        return List.copyOf(trailerNames);
    }

    /**
     * The trailer fields as they are now: asks every supplier once, in order, and leaves out the {@code null}s.
     *
     * @throws RuntimeException whatever a supplier throws, or the {@link IllegalArgumentException} of a value
     *     {@link Headers#add} refuses
     */
    public Headers trailers() {
        Headers fields = new Headers(trailerNames.size());
        for (int i = 0; i < trailerNames.size(); i++) {
            String value = trailerValues.get(i).get();
            if (value != null) {
                fields.add(trailerNames.get(i), value);
            }
        }
        return fields;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + body.length + " bytes]";
    }
}
