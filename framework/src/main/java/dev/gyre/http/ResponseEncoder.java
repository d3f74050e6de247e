package dev.gyre.http;

/** STUB: replaced by the parser branch. */
public final class ResponseEncoder {
    private final HttpDate date;
    public ResponseEncoder(HttpDate date) { this.date = date; }

    public void encode(Response r, HttpVersion version, boolean keepAlive, boolean omitBody, boolean appendBody, ByteSink out) {
        head(r, version, keepAlive, out, false);
        int s = r.status();
        if (!(s < 200 || s == 204 || s == 304)) { out.appendAscii("Content-Length: "); out.appendDecimal(r.contentLength()); out.appendAscii("\r\n"); }
        out.appendAscii("\r\n");
        if (!omitBody && appendBody) out.append(r.body());
    }

    public void encodeChunkedHead(Response r, HttpVersion version, boolean keepAlive, ByteSink out) {
        head(r, version, keepAlive, out, true);
        out.appendAscii("\r\n");
    }

    public void encodeUnframedHead(Response r, HttpVersion version, ByteSink out) {
        head(r, version, false, out, false);
        out.appendAscii("\r\n");
    }

    private void head(Response r, HttpVersion version, boolean keepAlive, ByteSink out, boolean chunked) {
        out.appendAscii(version.text() + " " + r.status() + " " + HttpStatus.reason(r.status()) + "\r\n");
        for (int i = 0; i < r.headers().size(); i++) {
            String n = r.headers().name(i);
            if (n.equalsIgnoreCase("Content-Length") || n.equalsIgnoreCase("Transfer-Encoding")) continue;
            out.appendAscii(n + ": " + r.headers().value(i) + "\r\n");
        }
        out.appendAscii("Date: "); out.append(date.now()); out.appendAscii("\r\nServer: gyre\r\n");
        if (chunked) out.appendAscii("Transfer-Encoding: chunked\r\n");
        if (!keepAlive) out.appendAscii("Connection: close\r\n");
        else if (version == HttpVersion.HTTP_1_0) out.appendAscii("Connection: keep-alive\r\n");
    }
}
