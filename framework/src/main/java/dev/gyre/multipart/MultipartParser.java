package dev.gyre.multipart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A streaming parser for {@code multipart/form-data} (RFC 7578 on RFC 2046 §5.1): fed bytes in pieces of any
 * size, it tells a {@link PartListener} about each part as its bytes arrive and keeps nothing of a part's body
 * itself, so memory stays bounded by what the listener keeps.
 *
 * <pre>
 *   delimiter = CRLF "--" boundary; the body's start counts as a CRLF, so a body may open with it or a preamble
 *
 *   PREAMBLE ──delimiter──▶ AFTER_DELIMITER ──"-"──▶ CLOSE_DASH ──"-"──▶ EPILOGUE (done; the rest is ignored)
 *                             ▲    │     │ SP/HTAB
 *                             │    │     ▼
 *                             │    │   PADDING ◀─┐ SP/HTAB
 *                             │    │CR   │  └────┘
 *                             │    ▼     │ CR
 *                             │  DELIMITER_LF ◀┘
 *                             │    │ LF
 *                             │    ▼
 *                             │  HEADERS ◀─┐ a header line
 *                             │    │  └────┘
 *                             │    │ blank line: partStarted
 *                             │    ▼
 *                             └── BODY  (data: partData)
 *                      delimiter: partEnded
 *
 *   every state ── a byte that does not fit, a limit crossed, end of input before EPILOGUE ──▶ FAILED (terminal)
 * </pre>
 *
 * <p><b>The boundary matcher.</b> In {@code PREAMBLE} and {@code BODY} the scan looks for a CR, the delimiter's
 * first byte; from there each byte is compared with the next byte of the delimiter. Bytes that match are held
 * back; on a mismatch they are data after all and the match restarts.
 * Because a boundary cannot contain CR (RFC 2046 §5.1.1's {@code bchars}) and the delimiter starts with one, a
 * failed match can only restart at the failing byte itself: no backtracking, each byte is looked at once. Held
 * bytes that span two pieces of input are re-emitted from the delimiter itself, so no input is copied.
 *
 * <p><b>Failures</b> are {@link MultipartException}s: {@code 400} for malformed input, {@code 413} for a limit,
 * naming the part. Every limit is checked at the byte that crosses it, so where the input was split never changes
 * the outcome. After one, the parser is {@code FAILED} and throws it again. Not thread-safe: one thread (or
 * one thread at a time) feeds it.
 *
 * <p>Package-private: applications reach it through {@link MultipartForm} and {@link MultipartSubscriber}, so its
 * states and entry points can change without breaking them.
 */
final class MultipartParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int MAX_BOUNDARY = 70;

    private enum State { PREAMBLE, AFTER_DELIMITER, CLOSE_DASH, PADDING, DELIMITER_LF, HEADERS, BODY, EPILOGUE, FAILED }

    private final byte[] delimiter;
    private final MultipartLimits limits;
    private final PartListener listener;
    private final byte[] line;
    private State state = State.PREAMBLE;
    private int matched = 2;
    private int lineLength;
    private int headerBytes;
    private Map<String, List<String>> headers;
    private PartHead part;
    private long partSize;
    private long formSize;
    private int files;
    private int fields;
    private MultipartException failure;

    /**
     * @param boundary the {@code boundary} parameter of the body's {@code Content-Type}
     * @throws MultipartException {@code 400} when the boundary is not one RFC 2046 allows
     */
    MultipartParser(String boundary, MultipartLimits limits, PartListener listener) {
        checkBoundary(boundary);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.line = new byte[limits.maxPartHeaderSize()];
    }

    /**
     * The boundary of a {@code multipart/form-data} content type.
     *
     * @throws MultipartException {@code 400} when the type is not {@code multipart/form-data} or has no boundary
     */
    static String boundaryOf(String contentType) {
        if (contentType == null || !HeaderParameters.essence(contentType).equals("multipart/form-data")) {
            throw MultipartException.malformed("expected multipart/form-data, got "
                    + (contentType == null ? "no Content-Type" : contentType));
        }
        String boundary = HeaderParameters.parse(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw MultipartException.malformed("the Content-Type has no boundary parameter");
        }
        return boundary;
    }

    /** Whether the closing delimiter has been read: the form is whole. */
    boolean isComplete() {
        return state == State.EPILOGUE;
    }

    /**
     * Parses the remaining bytes of {@code input}, calling the listener as parts begin, carry data and end;
     * consumes the buffer entirely.
     *
     * @throws MultipartException for malformed input or a crossed limit
     * @throws IOException        from the listener
     */
    void feed(ByteBuffer input) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            int at = input.position();
            int end = input.limit();
            long room = limits.maxFormSize() - formSize;
            int stop = room < end - at ? at + (int) room : end;
            while (at < stop && state != State.EPILOGUE) {
                at = switch (state) {
                    case PREAMBLE, BODY -> scan(input, at, stop);
                    case HEADERS -> header(input.get(at), at + 1);
                    default -> delimiterEnd(input.get(at), at + 1);
                };
            }
            formSize += at - input.position();
            if (stop < end && state != State.EPILOGUE) {
                throw MultipartException.tooLarge("the form is larger than " + limits.maxFormSize() + " bytes"
                        + (part == null ? "" : " (at part '" + part.name() + "')"));
            }
            input.position(end);
        } catch (MultipartException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        }
    }

    /**
     * Says the input has ended.
     *
     * @throws MultipartException {@code 400} when the closing delimiter has not been read
     */
    void finish() {
        if (failure != null) {
            throw failure;
        }
        if (state != State.EPILOGUE) {
            failure = MultipartException.malformed(switch (state) {
                case PREAMBLE -> "the body ended before its first boundary";
                case BODY -> "part '" + part.name() + "' is not terminated: the body ended before its boundary";
                default -> "the body ended before its closing boundary";
            });
            state = State.FAILED;
            throw failure;
        }
    }

    /**
     * PREAMBLE and BODY: looks for the delimiter, passing a part's other bytes to the listener. Outside a match it
     * only looks for the next CR, over the backing array when there is one: the loop a large upload spends its
     * time in.
     */
    private int scan(ByteBuffer input, int from, int end) throws IOException {
        boolean body = state == State.BODY;
        byte[] array = input.hasArray() ? input.array() : null;
        int offset = array == null ? 0 : input.arrayOffset();
        int held = matched;
        int dataStart = from;
        int matchStart = from;
        for (int i = from; i < end; i++) {
            if (matched == 0) {
                i = array != null ? nextCr(array, offset + i, offset + end) - offset : nextCr(input, i, end);
                if (i == end) {
                    break;
                }
                matchStart = i;
                matched = 1;
                continue;
            }
            byte b = array != null ? array[offset + i] : input.get(i);
            if (b == delimiter[matched]) {
                if (++matched == delimiter.length) {
                    if (body) {
                        emit(input, dataStart, matchStart);
                        part = null;
                        listener.partEnded();
                    }
                    matched = 0;
                    state = State.AFTER_DELIMITER;
                    return i + 1;
                }
            } else {
                if (held > 0) {
                    if (body) {
                        emit(ByteBuffer.wrap(delimiter, 0, held));
                    }
                    held = 0;
                }
                matched = b == CR ? 1 : 0;
                matchStart = i;
            }
        }
        if (body) {
            emit(input, dataStart, matched > 0 ? matchStart : end);
        }
        return end;
    }

    private static int nextCr(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && bytes[i] != CR) {
            i++;
        }
        return i;
    }

    private static int nextCr(ByteBuffer bytes, int from, int end) {
        int i = from;
        while (i < end && bytes.get(i) != CR) {
            i++;
        }
        return i;
    }

    private void emit(ByteBuffer input, int from, int to) throws IOException {
        if (to > from) {
            emit(input.slice(from, to - from));
        }
    }

    private void emit(ByteBuffer data) throws IOException {
        partSize += data.remaining();
        long max = part.isFile() ? limits.maxFileSize() : limits.maxFieldSize();
        if (partSize > max) {
            throw MultipartException.tooLarge("part '" + part.name() + "' is larger than " + max + " bytes");
        }
        listener.partData(data);
    }

    /** AFTER_DELIMITER, CLOSE_DASH, PADDING, DELIMITER_LF: what follows a delimiter. */
    private int delimiterEnd(byte b, int next) {
        state = switch (state) {
            case AFTER_DELIMITER -> b == '-' ? State.CLOSE_DASH : b == CR ? State.DELIMITER_LF
                    : b == ' ' || b == '\t' ? State.PADDING : badDelimiter();
            case CLOSE_DASH -> b == '-' ? State.EPILOGUE : badDelimiter();
            case PADDING -> b == ' ' || b == '\t' ? State.PADDING : b == CR ? State.DELIMITER_LF : badDelimiter();
            default -> b == LF ? startHeaders() : badDelimiter();
        };
        return next;
    }

    private State badDelimiter() {
        throw MultipartException.malformed("a boundary is followed by something other than CRLF or '--'");
    }

    private State startHeaders() {
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headerBytes = 0;
        lineLength = 0;
        return State.HEADERS;
    }

    /** HEADERS: collects one line at a time; a blank line starts the part's body. */
    private int header(byte b, int next) throws IOException {
        if (++headerBytes > limits.maxPartHeaderSize()) {
            throw MultipartException.tooLarge("the headers of part #" + (files + fields + 1) + " are larger than "
                    + limits.maxPartHeaderSize() + " bytes");
        }
        if (b != LF) {
            line[lineLength++] = b;
            return next;
        }
        if (lineLength == 0 || line[lineLength - 1] != CR) {
            throw MultipartException.malformed("a part header line does not end with CRLF");
        }
        int length = lineLength - 1;
        lineLength = 0;
        if (length == 0) {
            beginPart();
            return next;
        }
        String field = new String(line, 0, length, StandardCharsets.UTF_8);
        int colon = field.indexOf(':');
        String name = colon < 0 ? "" : field.substring(0, colon).trim();
        if (name.isEmpty() || !name.chars().allMatch(MultipartParser::isTokenChar)
                || field.charAt(0) == ' ' || field.charAt(0) == '\t') {
            throw MultipartException.malformed("bad part header line: " + field);
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(field.substring(colon + 1).trim());
        return next;
    }

    /** RFC 9110 §5.6.2's {@code tchar}. */
    private static boolean isTokenChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.getFirst();
    }

    private void beginPart() throws IOException {
        String disposition = first(headers, "Content-Disposition");
        if (disposition == null || !HeaderParameters.essence(disposition).equals("form-data")) {
            throw MultipartException.malformed("part #" + (files + fields + 1)
                    + " has no Content-Disposition: form-data");
        }
        Map<String, String> parameters = HeaderParameters.parse(disposition);
        String name = parameters.get("name");
        if (name == null) {
            throw MultipartException.malformed("part #" + (files + fields + 1) + " has no name");
        }
        String filename = parameters.get("filename");
        if (filename != null && ++files > limits.maxFiles()) {
            throw MultipartException.tooLarge("too many files: part '" + name + "' is one more than "
                    + limits.maxFiles());
        }
        if (filename == null && ++fields > limits.maxFields()) {
            throw MultipartException.tooLarge("too many fields: part '" + name + "' is one more than "
                    + limits.maxFields());
        }
        String type = first(headers, "Content-Type");
        headers.replaceAll((n, values) -> List.copyOf(values));
        part = new PartHead(name, filename, type == null ? "text/plain" : type, Collections.unmodifiableMap(headers));
        partSize = 0;
        state = State.BODY;
        listener.partStarted(part);
    }

    private static void checkBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY || boundary.endsWith(" ")) {
            throw MultipartException.malformed("a boundary has 1 to 70 characters and does not end with a space");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!allowed) {
                throw MultipartException.malformed("the boundary holds a character RFC 2046 does not allow: "
                        + boundary);
            }
        }
    }
}
