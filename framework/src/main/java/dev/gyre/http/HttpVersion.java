package dev.gyre.http;

/** The protocol versions the server speaks: HTTP/1.0 and 1.1 by their request line (any other is answered {@code 505}), HTTP/2 by its own framing. */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as it appears on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }
}
