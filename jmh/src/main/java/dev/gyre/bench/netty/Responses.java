package dev.gyre.bench.netty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the reference server's responses, the way TechEmpower's Netty entry does.
 *
 * <p>Fixed bodies live in one read-only direct buffer each and go out as duplicates, so a response
 * copies no bytes. Header names and values are {@link AsciiString} constants and the headers skip
 * validation: every value is ours, so checking it per response would measure nothing. The JSON body
 * alone is serialised per request with Jackson, as the contract demands.
 */
final class Responses {

    /** The sample app's JSON message; a record so Jackson serialises it without configuration. */
    record Message(String message) {
    }

    private static final AsciiString SERVER = AsciiString.cached("Netty");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final AsciiString APPLICATION_OCTET_STREAM = AsciiString.cached("application/octet-stream");

    private static final ByteBuf PLAINTEXT = constant("Hello, World!");
    private static final AsciiString PLAINTEXT_LENGTH = AsciiString.of(Integer.toString(PLAINTEXT.readableBytes()));
    private static final ObjectWriter JSON = new ObjectMapper().writerFor(Message.class);

    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private Responses() {
    }

    static FullHttpResponse plaintext() {
        return full(HttpResponseStatus.OK, TEXT_PLAIN, plaintextBody(), PLAINTEXT_LENGTH);
    }

    static FullHttpResponse json() {
        byte[] body = jsonBody();
        return full(HttpResponseStatus.OK, APPLICATION_JSON, Unpooled.wrappedBuffer(body),
                AsciiString.of(Integer.toString(body.length)));
    }

    /** The plaintext body, a duplicate of the one constant buffer. */
    static ByteBuf plaintextBody() {
        return PLAINTEXT.duplicate();
    }

    /** The JSON message, serialised afresh as the contract demands. */
    static byte[] jsonBody() {
        try {
            return JSON.writeValueAsBytes(new Message("Hello, World!"));
        } catch (IOException e) {
            throw new IllegalStateException("a constant record failed to serialise", e);
        }
    }

    /** The JSON body of an error answer: {@code {"status":404,"error":"Not Found"}}. */
    static byte[] errorBody(HttpResponseStatus status) {
        return ("{\"status\":" + status.code() + ",\"error\":\"" + status.reasonPhrase() + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The head of an echo; its body follows as the request's own content, chunked if the request's was. */
    static HttpResponse echoHead(long contentLength, boolean chunked) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, HEADERS);
        HttpHeaders headers = common(response.headers(), APPLICATION_OCTET_STREAM);
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return response;
    }

    static FullHttpResponse notFound() {
        return error(HttpResponseStatus.NOT_FOUND);
    }

    static FullHttpResponse badRequest() {
        return error(HttpResponseStatus.BAD_REQUEST);
    }

    static FullHttpResponse methodNotAllowed(AsciiString allow) {
        FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    private static FullHttpResponse error(HttpResponseStatus status) {
        byte[] body = errorBody(status);
        return full(status, APPLICATION_JSON, Unpooled.wrappedBuffer(body), AsciiString.of(Integer.toString(body.length)));
    }

    private static FullHttpResponse full(HttpResponseStatus status, AsciiString contentType, ByteBuf body,
                                         AsciiString contentLength) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, HEADERS, TRAILERS);
        common(response.headers(), contentType).set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return response;
    }

    private static HttpHeaders common(HttpHeaders headers, AsciiString contentType) {
        return headers.set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.SERVER, SERVER)
                .set(HttpHeaderNames.DATE, HttpDate.now());
    }

    private static ByteBuf constant(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes)).asReadOnly();
    }
}
