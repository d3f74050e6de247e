package dev.gyre.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** STUB: replaced by the parser branch. Handles simple requests only. */
public final class RequestParser {
    public enum Event { NEED_MORE, HEAD, BODY, END, ERROR }
    private final HttpLimits limits;
    private final StringBuilder line = new StringBuilder();
    private int state; // 0 head, 1 body fixed, 2 chunk size, 3 chunk data, 4 chunk crlf, 5 trailers, 6 error, 7 end-pending
    private String reqLine; private Headers headers; private RequestHead head; private long remaining; private ByteBuffer body; private int status; private String reason;

    public RequestParser(HttpLimits limits) { this.limits = limits; }
    public RequestHead head() { return head; }
    public ByteBuffer body() { return body; }
    public int errorStatus() { return status; }
    public String errorReason() { return reason; }

    private Event error(int s, String r) { state = 6; status = s; reason = r; return Event.ERROR; }

    private String readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            char c = (char) (in.get() & 0xff);
            if (c == '\n') { int l = line.length(); if (l > 0 && line.charAt(l - 1) == '\r') line.setLength(l - 1); String s = line.toString(); line.setLength(0); return s; }
            line.append(c);
        }
        return null;
    }

    public Event next(ByteBuffer in) {
        while (true) {
            switch (state) {
                case 6: return Event.ERROR;
                case 7: state = 0; return Event.END;
                case 0: {
                    String l = readLine(in);
                    if (l == null) return Event.NEED_MORE;
                    if (reqLine == null) { if (l.isEmpty()) continue; reqLine = l; headers = new Headers(); continue; }
                    if (!l.isEmpty()) { int c = l.indexOf(':'); if (c <= 0) return error(400, "bad header"); headers.add(l.substring(0, c), l.substring(c + 1).trim()); continue; }
                    String[] p = reqLine.split(" ");
                    reqLine = null;
                    if (p.length != 3) return error(400, "bad request line");
                    HttpVersion v = p[2].equals("HTTP/1.1") ? HttpVersion.HTTP_1_1 : p[2].equals("HTTP/1.0") ? HttpVersion.HTTP_1_0 : null;
                    if (v == null) return error(505, "version");
                    String cl = headers.get("Content-Length");
                    boolean chunked = headers.containsToken("Transfer-Encoding", "chunked");
                    long len = cl == null ? -1 : Long.parseLong(cl);
                    boolean ka = v == HttpVersion.HTTP_1_1 ? !headers.containsToken("Connection", "close") : headers.containsToken("Connection", "keep-alive");
                    int q = p[1].indexOf('?');
                    head = new RequestHead(p[0], p[1], q < 0 ? p[1] : p[1].substring(0, q), q < 0 ? null : p[1].substring(q + 1), v, headers, chunked ? -1 : len, chunked, ka, headers.containsToken("Expect", "100-continue"));
                    if (chunked) state = 2; else if (len > 0) { remaining = len; state = 1; } else state = 7;
                    return Event.HEAD;
                }
                case 1: {
                    if (!in.hasRemaining()) return Event.NEED_MORE;
                    int n = (int) Math.min(remaining, in.remaining());
                    body = in.slice(in.position(), n); in.position(in.position() + n); remaining -= n;
                    if (remaining == 0) state = 7;
                    return Event.BODY;
                }
                case 2: {
                    String l = readLine(in); if (l == null) return Event.NEED_MORE;
                    int semi = l.indexOf(';'); if (semi >= 0) l = l.substring(0, semi);
                    remaining = Long.parseLong(l.trim(), 16);
                    state = remaining == 0 ? 5 : 3; continue;
                }
                case 3: {
                    if (!in.hasRemaining()) return Event.NEED_MORE;
                    int n = (int) Math.min(remaining, in.remaining());
                    body = in.slice(in.position(), n); in.position(in.position() + n); remaining -= n;
                    if (remaining == 0) state = 4;
                    return Event.BODY;
                }
                case 4: { String l = readLine(in); if (l == null) return Event.NEED_MORE; state = 2; continue; }
                case 5: { String l = readLine(in); if (l == null) return Event.NEED_MORE; if (l.isEmpty()) { state = 0; return Event.END; } continue; }
                default: throw new IllegalStateException();
            }
        }
    }
}
