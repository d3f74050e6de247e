package dev.gyre.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a handler sees it: the parsed head, the whole body, and the path parameters the
 * router captured.
 *
 * <p>A request is complete and immutable when a handler receives it, so a handler may pass it to other
 * threads freely. The only mutable part is the attribute map, which middleware uses to hand values to
 * the handler on the same request; it is not synchronised, as filters and the handler run one after the
 * other.
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];

    private final RequestHead head;
    private final byte[] body;
    private final InetSocketAddress remoteAddress;
    private Map<String, String> pathParams = Map.of();
    private QueryParameters queryParameters;
    private Map<String, Object> attributes;

    public Request(RequestHead head, byte[] body, InetSocketAddress remoteAddress) {
        this.head = head;
        this.body = body == null ? NO_BODY : body;
        this.remoteAddress = remoteAddress;
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

    /** The body bytes; empty, never {@code null}, when the request has none. */
    public byte[] body() {
        return body;
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The decoded value of a path template parameter such as {@code {id}}, or {@code null}. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** Set by the router once it has matched this request. */
    public void pathParams(Map<String, String> params) {
        this.pathParams = Map.copyOf(params);
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

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
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
