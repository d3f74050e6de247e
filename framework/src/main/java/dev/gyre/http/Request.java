package dev.gyre.http;

import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.Requests;
import dev.gyre.transport.TlsInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * One HTTP request as a handler sees it: the parsed head, the whole body, and the path parameters the
 * router captured.
 *
 * <p>A request is complete and immutable when a handler receives it, so a handler may pass it to other
 * threads freely. The only mutable part is the attribute map, which middleware uses to hand values to
 * the handler on the same request; it is not synchronised, as filters and the handler run one after the
 * other. The path parameters, the route, the failure and what a trusted proxy said are set by the framework
 * through {@link Requests} before a handler sees them (there is no public setter).
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];
    private static final Headers NO_TRAILERS = ParsedHeaders.none();

    static {
        Requests.install(new Requests.Access() {
            @Override
            public void pathParams(Request request, Map<String, String> params) {
                request.pathParams = Map.copyOf(params);
            }

            @Override
            public void route(Request request, String template) {
                request.route = template;
            }

            @Override
            public void failure(Request request, Throwable failure) {
                request.failure = failure;
            }

            @Override
            public void forwarded(Request request, InetSocketAddress client, String scheme, String host) {
                request.clientAddress = client;
                request.scheme = scheme;
                request.host = host;
            }

            @Override
            public void trailers(Request request, Headers trailers) {
                request.trailers = trailers;
            }
        });
    }

    private final RequestHead head;
    private final byte[] body;
    private final StreamedBody streamedBody;
    private final InetSocketAddress remoteAddress;
    private final TlsInfo tls;
    private Map<String, String> pathParams = Map.of();
    private QueryParameters queryParameters;
    private Map<String, Object> attributes;
    private String route;
    private InetSocketAddress clientAddress;
    private String scheme;
    private String host;
    private Throwable failure;
    private Headers trailers;

    public Request(RequestHead head, byte[] body, InetSocketAddress remoteAddress) {
        this(head, body, remoteAddress, null);
    }

    /** A whole request that came over TLS ({@code tls} non-null) or cleartext ({@code null}). */
    public Request(RequestHead head, byte[] body, InetSocketAddress remoteAddress, TlsInfo tls) {
        this(head, body == null ? NO_BODY : body, null, remoteAddress, tls);
    }

    private Request(RequestHead head, byte[] body, StreamedBody streamedBody, InetSocketAddress remoteAddress,
                    TlsInfo tls) {
        this.head = head;
        this.body = body;
        this.streamedBody = streamedBody;
        this.remoteAddress = remoteAddress;
        this.tls = tls;
    }

    /** A request handed to its handler while the body still arrives. */
    public static Request streamed(RequestHead head, StreamedBody body, InetSocketAddress remoteAddress) {
        return streamed(head, body, remoteAddress, null);
    }

    /** A streamed request that came over TLS ({@code tls} non-null) or cleartext ({@code null}). */
    public static Request streamed(RequestHead head, StreamedBody body, InetSocketAddress remoteAddress,
                                   TlsInfo tls) {
        return new Request(head, null, body, remoteAddress, tls);
    }

    /** Whether the body arrives as a stream ({@link #bodyStream()}, {@link #bodyPublisher()}) rather than whole. */
    public boolean isBodyStreamed() {
        return streamedBody != null;
    }

    /**
     * The body as a stream: the live stream for a streamed request (reads wait for the client), else a
     * view of the whole body.
     */
    public InputStream bodyStream() {
        return streamedBody != null ? streamedBody.inputStream() : new ByteArrayInputStream(body);
    }

    /**
     * The body as a publisher: the live one for a streamed request (called on the loop as pieces arrive),
     * else one that publishes the whole body as a single piece.
     */
    public Flow.Publisher<ByteBuffer> bodyPublisher() {
        if (streamedBody != null) {
            return streamedBody.publisher();
        }
        return subscriber -> {
            java.util.concurrent.SubmissionPublisher<ByteBuffer> whole =
                    new java.util.concurrent.SubmissionPublisher<>(Runnable::run, 1);
            whole.subscribe(subscriber);
            whole.submit(ByteBuffer.wrap(body));
            whole.close();
        };
    }

    public RequestHead head() {
        return head;
    }

    public String method() {
        return head.method();
    }

    /** The request-target as sent, including any query. */
    public String target() {
        return head.target();
    }

    /** The path, still percent-encoded as it came on the wire. */
    public String path() {
        return head.path();
    }

    /** The raw query string after {@code ?}, or {@code null}. */
    public String rawQuery() {
        return head.query();
    }

    public HttpVersion version() {
        return head.version();
    }

    public Headers headers() {
        return head.headers();
    }

    /** The first value of a header field, or {@code null}. */
    public String header(String name) {
        return head.headers().get(name);
    }

    /**
     * The body bytes; empty, never {@code null}, when the request has none.
     *
     * @throws IllegalStateException for a streamed request, whose body is read from {@link #bodyStream()}
     */
    public byte[] body() {
        if (streamedBody != null) {
            throw new IllegalStateException("the body of this request is streamed: read bodyStream()");
        }
        return body;
    }

    /**
     * The trailer fields that came after the body (an HTTP/1.1 chunked trailer section, an HTTP/2 trailing
     * HEADERS), read-only; empty when there were none. They were checked as header fields are, within the same
     * limits, and none of them frames, routes, qualifies or authenticates the request ({@code Content-Length},
     * {@code Host}, {@code Authorization} …, which RFC 9110 §6.5.1 keeps out of trailers): such a request was
     * refused. They are never merged into {@link #headers()}.
     *
     * <p>A whole body's trailers are here from the start. A streamed body's arrive with its end: ask once
     * {@link #bodyStream()} has returned -1 or the publisher has completed, on any thread.
     *
     * @throws IllegalStateException for a streamed body that has not ended yet, or that failed
     */
    public Headers trailers() {
        if (streamedBody != null) {
            return streamedBody.trailers();
        }
        return trailers != null ? trailers : NO_TRAILERS;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The decoded value of a path template parameter such as {@code {id}}, or {@code null}. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The first decoded value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        return queryParameters().first(name);
    }

    /** Every decoded value of a repeated query parameter, in order. */
    public List<String> queryParams(String name) {
        return queryParameters().all(name);
    }

    public QueryParameters queryParameters() {
        if (queryParameters == null) {
            queryParameters = QueryParameters.parse(head.query());
        }
        return queryParameters;
    }

    /** The peer of the connection: the client itself, or the last proxy in front of it. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * What the connection's TLS negotiated (protocol, cipher suite, ALPN, SNI name, the client's certificate
     * chain), or empty on cleartext.
     */
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * The client as the first trusted proxy saw it (from {@code Forwarded} or {@code X-Forwarded-For}, see
     * {@code dev.gyre.proxy.TrustedProxies}), else {@link #remoteAddress()}. The port is 0 when a proxy
     * gave the address alone.
     */
    public InetSocketAddress clientAddress() {
        return clientAddress != null ? clientAddress : remoteAddress;
    }

    /**
     * {@code http} or {@code https} as the client used it: what a trusted proxy said, else the connection's
     * ({@code https} over TLS).
     */
    public String scheme() {
        return scheme != null ? scheme : tls != null ? "https" : "http";
    }

    /** The host the client asked for: what a trusted proxy said, else the {@code Host} header (or {@code null}). */
    public String host() {
        return host != null ? host : header("Host");
    }

    /**
     * The template of the route that took the request ({@code /items/{id}}, {@code /static/**}), or
     * {@code null} while none has; metrics and traces name requests by it, never by the raw path.
     */
    public String route() {
        return route;
    }

    /** The exception a handler failed with, once it has been turned into the response; else {@code null}. */
    public Throwable failure() {
        return failure;
    }

    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return attributes == null ? null : (T) attributes.get(name);
    }

    public void attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(name, value);
    }

    @Override
    public String toString() {
        return head.method() + " " + head.target();
    }
}
