package dev.gyre.http.codec;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.TrailerNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental HTTP/1.1 request parser (RFC 9112): feed it whatever bytes arrived, get back one event at a
 * time.
 *
 * <pre>
 *            empty line (at most 16 before a request, RFC 9112 §2.2)
 *              ┌──┐       the previous head, byte for byte
 *              ▼  │    ┌───────────────────────────────────┐
 *              │  │    │                                   ▼
 *        ┌─▶ REQUEST_LINE ──▶ HEADER_LINE ──empty line──▶ HEAD ─┬─ no body ──────────────────────────┐
 *        │                      ▲      │ field line             ├─ Content-Length ─▶ FIXED_BODY ─────┤
 *        │                      └──────┘                        └─ chunked ─▶ CHUNK_SIZE ◀────┐       │
 *        │                                                                    │ size &gt; 0   │       │
 *        │                                                                    ▼             │       │
 *        │                                                              CHUNK_DATA ─▶ CHUNK_DATA_END│
 *        │                                                                    │ size 0              │
 *        │                                                                    ▼                     ▼
 *        └──────────────────────── END ◀──────empty line────────────── TRAILER_LINE     END_OF_MESSAGE
 *
 *   any state ──invalid bytes or a limit exceeded──▶ ERROR (terminal: nothing more is ever parsed)
 * </pre>
 *
 * <p>Each call to {@link #next} runs the machine until it has an event to report or the input is used up.
 * A partial line is copied into the parser's own storage (bounded by the limits below), so the caller may
 * compact and refill its buffer between calls. Body bytes are never copied: {@link #body()} is a slice of
 * the caller's buffer. After {@code HEAD}, a request without a body reports {@code END} on the next call
 * without consuming anything; so does a fixed-length body after its last {@code BODY}; a chunked body
 * reports {@code END} on the call that consumes the end of its trailer section. Bytes after a message stay
 * in the buffer for the next request (pipelining).
 *
 * <p>Once the parser reports {@code ERROR} it stays there: whatever follows bad framing cannot be trusted
 * to be a request, so a request smuggled behind it never comes out.
 *
 * <table>
 *   <caption>Limits and the status when exceeded (defaults in {@link HttpLimits})</caption>
 *   <tr><th>limit</th><th>default</th><th>status</th></tr>
 *   <tr><td>request line, CRLF excluded</td><td>{@value HttpLimits#DEFAULT_MAX_REQUEST_LINE_LENGTH}</td>
 *       <td>414</td></tr>
 *   <tr><td>header section: every field line with its CRLF</td>
 *       <td>{@value HttpLimits#DEFAULT_MAX_HEADER_SECTION_SIZE}</td><td>431</td></tr>
 *   <tr><td>header fields</td><td>{@value HttpLimits#DEFAULT_MAX_HEADER_COUNT}</td><td>431</td></tr>
 *   <tr><td>body, fixed (checked at HEAD) or chunked (checked per chunk size)</td>
 *       <td>{@value HttpLimits#DEFAULT_MAX_BODY_SIZE}</td><td>413</td></tr>
 *   <tr><td>chunk-size line with extensions, CRLF excluded</td>
 *       <td>{@value HttpLimits#DEFAULT_MAX_CHUNK_LINE_LENGTH}</td><td>400</td></tr>
 *   <tr><td>trailer section: every field line with its CRLF</td>
 *       <td>{@value HttpLimits#DEFAULT_MAX_TRAILER_SECTION_SIZE}</td><td>431</td></tr>
 *   <tr><td>trailer fields (the header field limit again)</td><td>{@value HttpLimits#DEFAULT_MAX_HEADER_COUNT}</td>
 *       <td>431</td></tr>
 *   <tr><td>empty lines before a request line</td><td>{@value #MAX_EMPTY_LINES_BEFORE_REQUEST}</td>
 *       <td>400</td></tr>
 * </table>
 *
 * <p>A chunked body's trailer fields are checked as header fields are ({@link FieldLine}) and kept, read-only,
 * as {@link #trailers()}; a field that frames, routes, qualifies or authenticates a request, which RFC 9110
 * §6.5.1 keeps out of trailers ({@link TrailerNames#isRefusedOnReceipt}: {@code Content-Length},
 * {@code Host}, {@code Authorization} …), is 400, like any other bad field.
 *
 * <p>Line endings must be CRLF everywhere; a bare LF or bare CR is 400 (see {@link LineReader} for why).
 * The grammar of each part is enforced by {@link RequestLine}, {@link FieldLine}, {@link HeaderSemantics}
 * and {@link ChunkLine}; {@code docs/http-conformance.md} maps every rule to its RFC section and test.
 *
 * <p>One parser per connection, used by one thread at a time. Parsing allocates only what is new:
 * <ul>
 *   <li>methods and common field names are constants ({@link KnownNames}), and a target or common field
 *       value that repeats an earlier request's on the same loop is the earlier string
 *       ({@link SharedStrings});</li>
 *   <li>any other field that repeats, at the same place, the previous request's on this connection is that
 *       request's string;</li>
 *   <li>a header section whose strings all repeat the previous request's is that request's read-only
 *       {@link Headers}, and a head that repeats it in every part is the previous {@link RequestHead},
 *       since both are immutable. A keep-alive client polling or pipelining the same request therefore
 *       costs no allocation at all; one that varies a field costs its strings and one {@code Headers}.</li>
 *   <li>a head that repeats the previous one byte for byte ({@link RepeatedHeadBytes}: whole in one buffer,
 *       at most {@value RepeatedHeadBytes#MAX_LENGTH} bytes) is not parsed again: one comparison finds it
 *       is the previous {@link RequestHead}.</li>
 * </ul>
 */
public final class RequestParser {
    /** What {@link #next} found. */
    public enum Event { NEED_MORE, HEAD, BODY, END, ERROR }

    private boolean errorInHeadRequest;
    private enum State {
        REQUEST_LINE, HEADER_LINE, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILER_LINE,
        END_OF_MESSAGE, ERROR
    }

    /**
     * How many empty lines may precede a request line. RFC 9112 §2.2 asks us to ignore at least one (clients
     * add a CRLF after a POST body); a bound keeps a stream of CRLFs from holding the connection for free.
     */
    static final int MAX_EMPTY_LINES_BEFORE_REQUEST = 16;
    private static final int CRLF = 2;
    private static final String[] NO_FIELDS = new String[0];
    private static final Headers NO_TRAILERS = ParsedHeaders.none();

    private final HttpLimits limits;
    private final LineReader line = new LineReader();
    private final SharedStrings shared;
    private final RequestLine requestLine;
    private final FieldLine field = new FieldLine();
    private final HeaderSemantics semantics = new HeaderSemantics();
    private final RepeatedHeadBytes repeatedHead = new RepeatedHeadBytes();

    private State state = State.REQUEST_LINE;
    private int emptyLines;
    /**
     * Where the head being read began in the caller's buffer, or -1 once it was cut across reads (its
     * start is then gone): only a head whole in one buffer is kept for {@link #repeatedHead}.
     */
    private int headStart = -1;
    /**
     * The fields of the head being read, names and values interleaved; copied into an exactly sized
     * {@link Headers} when the head ends (or found equal to the previous one's). Allocated with the first
     * field. After a head it holds exactly that head's strings, which {@link #previous} holds anyway, so only
     * the slots of a longer earlier section are cleared.
     */
    private String[] fields = NO_FIELDS;
    private int fieldCount;
    /** How many fields {@link #fields} held after the last head. */
    private int fieldsHeld;
    /** Bytes of the header or trailer section read so far. */
    private int sectionBytes;
    /** Bytes left in the fixed-length body or the current chunk. */
    private long remaining;
    /** Bytes of the chunked body declared so far. */
    private long chunkedBytes;
    private RequestHead head;
    /**
     * The last head this parser produced, kept after {@code END} (unlike {@link #head}) so that the next
     * request can share its strings, its headers or all of it. It is immutable and mostly made of shared
     * strings, so holding it on an idle connection costs under two hundred bytes (measured: 176), plus
     * the bytes of its head when {@link RepeatedHeadBytes} keeps them.
     */
    private RequestHead previous;
    private ByteBuffer body;
    /** The trailer fields of the chunked body being read, names and values interleaved. */
    private String[] trailerFields = NO_FIELDS;
    private int trailerCount;
    private Headers trailers = NO_TRAILERS;
    private int errorStatus;
    private String errorReason;

    /** A parser with strings of its own: for tests and tools; a server shares {@link SharedStrings} per loop. */
    public RequestParser(HttpLimits limits) {
        this(limits, new SharedStrings());
    }

    /** @param shared the strings this parser shares with the other parsers of its thread */
    public RequestParser(HttpLimits limits, SharedStrings shared) {
        this.limits = limits;
        this.shared = shared;
        this.requestLine = new RequestLine(shared);
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) and returns at the first event.
     * <ul>
     *   <li>{@code NEED_MORE}: all of {@code in} was consumed (partial lines kept here); call again with
     *       more bytes.</li>
     *   <li>{@code HEAD}: the request line and header section are complete and valid; see {@link #head()}.</li>
     *   <li>{@code BODY}: {@link #body()} holds the next piece of body data, a slice of {@code in} already
     *       consumed from it, chunked framing removed; copy it before the next call.</li>
     *   <li>{@code END}: the message (trailers included) is complete; bytes after it remain in {@code in},
     *       and the next call starts a new request.</li>
     *   <li>{@code ERROR}: terminal; see {@link #errorStatus()} and {@link #errorReason()}. Every later
     *       call returns {@code ERROR} and consumes nothing.</li>
     * </ul>
     */
    public Event next(ByteBuffer in) {
        if (state == State.ERROR) {
            return Event.ERROR;
        }
        try {
            return advance(in);
        } catch (HttpParseException e) {
            errorInHeadRequest = state != State.REQUEST_LINE && "HEAD".equals(requestLine.method);
            state = State.ERROR;
            errorStatus = e.status();
            errorReason = e.reason();
            head = null;
            body = null;
            return Event.ERROR;
        }
    }

    private Event advance(ByteBuffer in) throws HttpParseException {
        while (true) {
            switch (state) {
                case REQUEST_LINE -> {
                    if (line.isEmpty()) {
                        if (repeatedHead.repeatedAt(in)) {
                            in.position(in.position() + repeatedHead.length());
                            return startMessage(previous);
                        }
                        headStart = in.position();
                    }
                    if (!line.read(in, limits.maxRequestLineLength(), 414, "request line too long")) {
                        headStart = -1;
                        return Event.NEED_MORE;
                    }
                    if (line.length() == 0) {
                        if (++emptyLines > MAX_EMPTY_LINES_BEFORE_REQUEST) {
                            throw HttpParseException.badRequest("too many empty lines before request");
                        }
                    } else {
                        requestLine.parse(line.array(), line.offset(), line.length());
                        fieldCount = 0;
                        sectionBytes = 0;
                        state = State.HEADER_LINE;
                    }
                    line.clear();
                }
                case HEADER_LINE -> {
                    int budget = limits.maxHeaderSectionSize() - sectionBytes - CRLF;
                    if (!line.read(in, budget, 431, "header section too large")) {
                        headStart = -1;
                        return Event.NEED_MORE;
                    }
                    if (line.length() == 0) {
                        line.clear();
                        return endOfHead(in);
                    }
                    addHeader();
                    line.clear();
                }
                case FIXED_BODY, CHUNK_DATA -> {
                    return bodyPiece(in);
                }
                case CHUNK_SIZE -> {
                    if (!line.read(in, limits.maxChunkLineLength(), 400, "chunk line too long")) {
                        return Event.NEED_MORE;
                    }
                    startChunk(ChunkLine.parse(line.array(), line.offset(), line.length()));
                    line.clear();
                }
                case CHUNK_DATA_END -> {
                    if (!line.read(in, 0, 400, "chunk data not followed by CRLF")) {
                        return Event.NEED_MORE;
                    }
                    line.clear();
                    state = State.CHUNK_SIZE;
                }
                case TRAILER_LINE -> {
                    int budget = limits.maxTrailerSectionSize() - sectionBytes - CRLF;
                    if (!line.read(in, budget, 431, "trailer section too large")) {
                        return Event.NEED_MORE;
                    }
                    int length = line.length();
                    if (length > 0) {
                        addTrailer();
                    }
                    line.clear();
                    if (length == 0) {
                        keepTrailers();
                        return endOfMessage();
                    }
                }
                case END_OF_MESSAGE -> {
                    return endOfMessage();
                }
                case ERROR -> {
                    return Event.ERROR;
                }
            }
        }
    }

    private void addHeader() throws HttpParseException {
        if (fieldCount == limits.maxHeaderCount()) {
            throw new HttpParseException(431, "too many header fields");
        }
        byte[] buf = line.array();
        int off = line.offset();
        int length = line.length();
        field.parse(buf, off, length);
        sectionBytes += length + CRLF;
        int nameLength = field.nameEnd - off;
        KnownNames.Name known = KnownNames.field(buf, off, nameLength);
        String name = known != null
                ? known.as(buf, off, nameLength)
                : SharedStrings.earlierOrNew(earlierField(2 * fieldCount), buf, off, nameLength);
        int valueLength = field.valueEnd - field.valueStart;
        String earlierValue = earlierField(2 * fieldCount + 1);
        String value = known != null
                ? shared.get(1 + known.index(), buf, field.valueStart, valueLength, earlierValue)
                : SharedStrings.earlierOrNew(earlierValue, buf, field.valueStart, valueLength);
        if (2 * fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(16, fields.length * 2));
        }
        fields[2 * fieldCount] = name;
        fields[2 * fieldCount + 1] = value;
        fieldCount++;
        if (known != null) {
            semantics.onField(known.role(), buf, field.valueStart, field.valueEnd, value);
        }
    }

    /** Checks and keeps one trailer field line; trailers are rare, so their strings are simply made. */
    private void addTrailer() throws HttpParseException {
        if (trailerCount == limits.maxHeaderCount()) {
            throw new HttpParseException(431, "too many trailer fields");
        }
        byte[] buf = line.array();
        int off = line.offset();
        field.parse(buf, off, line.length());
        sectionBytes += line.length() + CRLF;
        String name = new String(buf, off, field.nameEnd - off, StandardCharsets.ISO_8859_1);
        if (TrailerNames.isRefusedOnReceipt(name)) {
            throw HttpParseException.badRequest("field not allowed in trailers");
        }
        if (2 * trailerCount == trailerFields.length) {
            trailerFields = Arrays.copyOf(trailerFields, Math.max(8, trailerFields.length * 2));
        }
        trailerFields[2 * trailerCount] = name;
        trailerFields[2 * trailerCount + 1] = new String(buf, field.valueStart, field.valueEnd - field.valueStart,
                StandardCharsets.ISO_8859_1);
        trailerCount++;
    }

    /** Makes the trailer fields read so far the request's {@link #trailers()}, and forgets them here. */
    private void keepTrailers() {
        if (trailerCount > 0) {
            trailers = ParsedHeaders.copyOf(trailerFields, trailerCount);
            Arrays.fill(trailerFields, 0, 2 * trailerCount, null);
            trailerCount = 0;
        }
    }

    /**
     * The string at {@code slot} of the previous request's header section (names and values interleaved),
     * or null when it had fewer fields.
     */
    private String earlierField(int slot) {
        Headers earlier = previous == null ? null : previous.headers();
        if (earlier == null || slot >= 2 * earlier.size()) {
            return null;
        }
        return (slot & 1) == 0 ? earlier.name(slot >> 1) : earlier.value(slot >> 1);
    }

    private Event endOfHead(ByteBuffer in) throws HttpParseException {
        HttpVersion version = requestLine.version;
        semantics.finish(version, limits.maxBodySize());
        previous = repeatedOrNewHead(version, semantics.contentLength());
        if (headStart >= 0) {
            repeatedHead.keep(in, headStart, in.position());
        } else {
            repeatedHead.forget();
        }
        if (fieldsHeld > fieldCount) {
            Arrays.fill(fields, 2 * fieldCount, 2 * fieldsHeld, null);
        }
        fieldsHeld = fieldCount;
        fieldCount = 0;
        return startMessage(previous);
    }

    /** Reports {@code parsed} as the current head and moves on to its body, if it has one. */
    private Event startMessage(RequestHead parsed) {
        head = parsed;
        trailers = NO_TRAILERS;
        if (parsed.chunked()) {
            chunkedBytes = 0;
            state = State.CHUNK_SIZE;
        } else if (parsed.contentLength() > 0) {
            remaining = parsed.contentLength();
            state = State.FIXED_BODY;
        } else {
            state = State.END_OF_MESSAGE;
        }
        return Event.HEAD;
    }

    /**
     * The previous head when this one repeats it: the same method, target and version strings and the same
     * header strings, from which everything else in a head follows. Otherwise a new head, sharing the
     * previous one's {@link Headers} if only the request line differs.
     */
    private RequestHead repeatedOrNewHead(HttpVersion version, long contentLength) {
        Headers earlier = previous == null ? null : previous.headers();
        Headers headers = earlier != null && ParsedHeaders.holdsSame(earlier, fields, fieldCount)
                ? earlier : ParsedHeaders.copyOf(fields, fieldCount);
        if (headers == earlier && previous.method() == requestLine.method
                && previous.target() == requestLine.target && previous.version() == version) {
            return previous;
        }
        return new RequestHead(requestLine.method, requestLine.target, requestLine.path, requestLine.query,
                version, headers, contentLength, semantics.chunked(), semantics.keepAlive(version),
                semantics.expectContinue(version), semantics.upgrade());
    }

    private void startChunk(long size) throws HttpParseException {
        if (size > limits.maxBodySize() - chunkedBytes) {
            throw new HttpParseException(413, "request body too large");
        }
        chunkedBytes += size;
        if (size == 0) {
            sectionBytes = 0;
            state = State.TRAILER_LINE;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private Event bodyPiece(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        if (n == 0) {
            return Event.NEED_MORE;
        }
        int start = in.position();
        body = in.slice(start, n);
        in.position(start + n);
        remaining -= n;
        if (remaining == 0) {
            state = state == State.FIXED_BODY ? State.END_OF_MESSAGE : State.CHUNK_DATA_END;
        }
        return Event.BODY;
    }

    private Event endOfMessage() {
        state = State.REQUEST_LINE;
        emptyLines = 0;
        head = null;
        body = null;
        semantics.reset();
        return Event.END;
    }

    /**
     * The head of the current request: valid from {@code HEAD} until {@code END}, null after it and after
     * {@code ERROR}.
     */
    public RequestHead head() {
        return head;
    }

    /**
     * The trailer fields of the request that just reported {@code END}, read-only; empty for a request without a
     * chunked body or without trailers. Valid until the next request's {@code HEAD}.
     */
    public Headers trailers() {
        return trailers;
    }

    /** The body piece of the last {@code BODY} event, read from its position to its limit. */
    public ByteBuffer body() {
        return body;
    }

    /** After {@code ERROR}: the status to answer with (400, 413, 414, 431, 501, 505); otherwise 0. */
    public int errorStatus() {
        return errorStatus;
    }

    /**
     * After {@code ERROR}: whether the failed request's line was read and named {@code HEAD}, so that the
     * error answer must carry no body (RFC 9110 §9.3.2).
     */
    public boolean errorInHeadRequest() {
        return errorInHeadRequest;
    }

    /** After {@code ERROR}: a short fixed phrase such as {@code invalid chunk size}, safe to echo; otherwise null. */
    public String errorReason() {
        return errorReason;
    }
}
