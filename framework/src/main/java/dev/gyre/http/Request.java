package dev.gyre.http;

import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.Peer;
import dev.gyre.http.internal.Requests;
import dev.gyre.transport.TlsInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * through {@link Requests} before a handler sees them (there is no public setter), and only the framework makes
 * one ({@link Requests#whole}, {@link Requests#streamed}).
 *
 * <p>A request is made for every request that arrives, so it holds only what every request has: its head,
 * its body, the connection it came on ({@link Peer}, one per connection) and its route. What only some
 * requests need (parsed query parameters, attributes, a proxy's view, a failure, trailers) lives in a side object made
 * the first time one of them is set or asked for; the request itself is 32 bytes.
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];
    private static final Headers NO_TRAILERS = ParsedHeaders.none();
    /** {@link #extras} is made once, by whichever thread asks first; a lost race would lose a value set. */
    private static final VarHandle EXTRAS;

    static {
        try {
            EXTRAS = MethodHandles.lookup().findVarHandle(Request.class, "extras", Extras.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Requests.install(new Requests.Access() {
            @Override
            public Request whole(RequestHead head, byte[] body, Peer peer) {
                return new Request(head, body == null ? NO_BODY : body, peer);
            }

            @Override
            public Request streamed(RequestHead head, StreamedBody body, Peer peer) {
                return new Request(head, Objects.requireNonNull(body, "body"), peer);
            }

            @Override
            public void routed(Request request, String template, Map<String, String> params) {
                request.routing = params.isEmpty() ? template : new Routed(template, Map.copyOf(params));
            }

            @Override
            public void failure(Request request, Throwable failure) {
                request.extras().failure = failure;
            }

            @Override
            public void forwarded(Request request, InetSocketAddress client, String scheme, String host) {
                request.extras().forwarded = new Forwarded(client, scheme, host);
            }

            @Override
            public void trailers(Request request, Headers trailers) {
                if (trailers.size() > 0) {
                    request.extras().trailers = trailers;
                }
            }
        });
    }

    private final RequestHead head;
    /** The whole body ({@code byte[]}) or the stream it arrives on ({@link StreamedBody}). */
    private final Object body;
    private final Peer peer;
    /** {@code null} until something takes the request; then its template, or a {@link Routed} with parameters. */
    private Object routing;
    private volatile Extras extras;

    /** The route of a request that has path parameters. */
    private record Routed(String template, Map<String, String> params) {
    }

    /** What a trusted proxy said about the client; any part may be {@code null} for "not said". */
    private record Forwarded(InetSocketAddress client, String scheme, String host) {
    }

    /** What only some requests need, made on first use ({@link #extras()}). */
    private static final class Extras {
        private QueryParameters queryParameters;
        private Map<String, Object> attributes;
        private Forwarded forwarded;
        private Throwable failure;
        private Headers trailers;
    }

    private Request(RequestHead head, Object body, Peer peer) {
        this.head = head;
        this.body = body;
        this.peer = peer;
    }

    private Extras extras() {
        Extras made = extras;
        if (made != null) {
            return made;
        }
        Extras fresh = new Extras();
        Extras raced = (Extras) EXTRAS.compareAndExchange(this, (Extras) null, fresh);
        return raced == null ? fresh : raced;
    }

    /** Whether the body arrives as a stream ({@link #bodyStream()}, {@link #bodyPublisher()}) rather than whole. */
    public boolean isBodyStreamed() {
        return body instanceof StreamedBody;
    }

    /**
     * The body as a stream: the live stream for a streamed request (reads wait for the client), else a
     * view of the whole body.
     */
    public InputStream bodyStream() {
        return body instanceof StreamedBody streamed ? streamed.inputStream() : new ByteArrayInputStream((byte[]) body);
    }

    /**
     * The body as a publisher: the live one for a streamed request (called on the loop as pieces arrive),
     * else one that publishes the whole body as a single piece.
     */
    public Flow.Publisher<ByteBuffer> bodyPublisher() {
        if (body instanceof StreamedBody streamed) {
            return streamed.publisher();
        }
        return subscriber -> {
            java.util.concurrent.SubmissionPublisher<ByteBuffer> whole =
                    new java.util.concurrent.SubmissionPublisher<>(Runnable::run, 1);
            whole.subscribe(subscriber);
            whole.submit(ByteBuffer.wrap((byte[]) body));
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
     * The body bytes; empty, never {@code null}, when the request has none. The array itself, not a copy (a copy
     * per call would cost every handler the body's size): changing it changes what later filters read.
     *
     * @throws IllegalStateException for a streamed request, whose body is read from {@link #bodyStream()}
     */
    public byte[] body() {
        if (body instanceof StreamedBody) {
            throw new IllegalStateException("the body of this request is streamed: read bodyStream()");
        }
        return (byte[]) body;
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
        if (body instanceof StreamedBody streamed) {
            return streamed.trailers();
        }
        Extras more = extras;
        return more == null || more.trailers == null ? NO_TRAILERS : more.trailers;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The decoded value of a path template parameter such as {@code {id}}, or {@code null}. */
    public String pathParam(String name) {
        return pathParams().get(name);
    }

    public Map<String, String> pathParams() {
        return routing instanceof Routed routed ? routed.params() : Map.of();
    }

    /** The first decoded value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        return queryParameters().first(name);
    }

    /** Every decoded value of a repeated query parameter, in order. */
    public List<String> queryParams(String name) {
        return queryParameters().all(name);
    }

    /** The decoded query, parsed on first use; a request without a query shares one empty instance. */
    public QueryParameters queryParameters() {
        String query = head.query();
        if (query == null || query.isEmpty()) {
            return QueryParameters.parse(query);
        }
        Extras more = extras();
        if (more.queryParameters == null) {
            more.queryParameters = QueryParameters.parse(query);
        }
        return more.queryParameters;
    }

    /** The peer of the connection: the client itself, or the last proxy in front of it. */
    public InetSocketAddress remoteAddress() {
        return peer.address();
    }

    /**
     * What the connection's TLS negotiated (protocol, cipher suite, ALPN, SNI name, the client's certificate
     * chain), or empty on cleartext.
     */
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(peer.tls());
    }

    /**
     * The client as the first trusted proxy saw it (from {@code Forwarded} or {@code X-Forwarded-For}, see
     * {@code dev.gyre.proxy.TrustedProxies}), else {@link #remoteAddress()}. The port is 0 when a proxy
     * gave the address alone.
     */
    public InetSocketAddress clientAddress() {
        Forwarded said = forwarded();
        return said != null && said.client() != null ? said.client() : peer.address();
    }

    /**
     * {@code http} or {@code https} as the client used it: what a trusted proxy said, else the connection's
     * ({@code https} over TLS).
     */
    public String scheme() {
        Forwarded said = forwarded();
        return said != null && said.scheme() != null ? said.scheme() : peer.tls() != null ? "https" : "http";
    }

    /** The host the client asked for: what a trusted proxy said, else the {@code Host} header (or {@code null}). */
    public String host() {
        Forwarded said = forwarded();
        return said != null && said.host() != null ? said.host() : header("Host");
    }

    private Forwarded forwarded() {
        Extras more = extras;
        return more == null ? null : more.forwarded;
    }

    /**
     * The template of the route that took the request ({@code /items/{id}}, {@code /static/**}), or
     * {@code null} while none has; metrics and traces name requests by it, never by the raw path.
     */
    public String route() {
        return routing instanceof Routed routed ? routed.template() : (String) routing;
    }

    /** The exception a handler failed with, once it has been turned into the response; else {@code null}. */
    public Throwable failure() {
        Extras more = extras;
        return more == null ? null : more.failure;
    }

    /**
     * The value a filter or provider set under {@code name} for this request, or {@code null}. Attributes are the
     * one part of a request meant to change: a per-request scratch space, like a servlet request's, that is not
     * synchronized, so set them before the request goes to another thread.
     */
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        Extras more = extras;
        return more == null || more.attributes == null ? null : (T) more.attributes.get(name);
    }

    /** Sets the attribute {@code name} for the rest of this request (see {@link #attribute(String)}). */
    public void attribute(String name, Object value) {
        Extras more = extras();
        if (more.attributes == null) {
            more.attributes = new HashMap<>(4);
        }
        more.attributes.put(name, value);
    }

    @Override
    public String toString() {
        return head.method() + " " + head.target();
    }
}
