package dev.gyre.ws;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The server's opening handshake (RFC 6455 §4.2): checks an upgrade request and either builds the
 * {@code 101 Switching Protocols} head or says why not.
 *
 * <table>
 *   <caption>What is checked, in this order, and the answer when it fails</caption>
 *   <tr><th>requirement (RFC 6455 §4.2.1)</th><th>answer</th></tr>
 *   <tr><td>method {@code GET}, version {@code HTTP/1.1}</td><td>400</td></tr>
 *   <tr><td>{@code Upgrade} lists the token {@code websocket} (any case)</td><td>426 with
 *       {@code Upgrade: websocket}: the client did not ask for WebSocket at all, and RFC 9110 §15.5.22
 *       says a 426 names the protocol to switch to</td></tr>
 *   <tr><td>{@code Connection} lists the token {@code upgrade}</td><td>400</td></tr>
 *   <tr><td>exactly one {@code Sec-WebSocket-Version}, and it is {@code 13}</td><td>426 with
 *       {@code Sec-WebSocket-Version: 13} (§4.2.2, §4.4)</td></tr>
 *   <tr><td>exactly one {@code Sec-WebSocket-Key}, base64 of 16 bytes</td><td>400</td></tr>
 *   <tr><td>a {@code Host} field</td><td>400</td></tr>
 *   <tr><td>the configured origin policy accepts {@code Origin} (§10.2)</td><td>403</td></tr>
 * </table>
 *
 * <p>Then the first of the server's subprotocols (in the server's order of preference) that the client also
 * offered is selected; if none matches, the answer carries no {@code Sec-WebSocket-Protocol} and the client
 * decides whether to go on (§4.2.2 item 5.4). Subprotocol names are compared exactly. permessage-deflate is
 * negotiated by {@link DeflateNegotiation}; every other extension is ignored.
 *
 * <p>Immutable and thread-safe: one instance per endpoint.
 */
final class WebSocketHandshake {
    /** RFC 6455 §1.3: appended to the client's key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String VERSION = "13";

    private final WebSocketConfig config;

    public WebSocketHandshake(WebSocketConfig config) {
        this.config = config;
    }

    /** Decides on an upgrade request; the request's body, if any, is not looked at. */
    public HandshakeResult check(RequestHead head) {
        Headers h = head.headers();
        if (!"GET".equals(head.method())) {
            return reject(400, "WebSocket upgrade requires GET");
        }
        if (head.version() != HttpVersion.HTTP_1_1) {
            return reject(400, "WebSocket upgrade requires HTTP/1.1");
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            return new HandshakeResult.Rejected(Response.of(426)
                    .header("Upgrade", "websocket")
                    .header("Sec-WebSocket-Version", VERSION)
                    .body("This resource speaks WebSocket: send Upgrade: websocket"));
        }
        if (!h.containsToken("Connection", "upgrade")) {
            return reject(400, "Connection must list upgrade");
        }
        if (h.count("Sec-WebSocket-Version") != 1 || !VERSION.equals(h.get("Sec-WebSocket-Version").strip())) {
            return new HandshakeResult.Rejected(Response.of(426)
                    .header("Sec-WebSocket-Version", VERSION)
                    .body("Unsupported Sec-WebSocket-Version; this server speaks 13"));
        }
        String key = h.count("Sec-WebSocket-Key") == 1 ? h.get("Sec-WebSocket-Key").strip() : null;
        if (!isValidKey(key)) {
            return reject(400, "Sec-WebSocket-Key must be the base64 of 16 bytes");
        }
        if (!h.contains("Host")) {
            return reject(400, "Host is required");
        }
        if (!config.originPolicy().test(h.get("Origin"))) {
            return reject(403, "Origin not allowed");
        }

        String subprotocol = selectSubprotocol(h.all("Sec-WebSocket-Protocol"));
        DeflateParameters deflate = DeflateNegotiation.negotiate(h.all("Sec-WebSocket-Extensions"),
                config.deflate());
        return new HandshakeResult.Accepted(switchingProtocols(key, subprotocol, deflate), subprotocol, deflate);
    }

    /** The {@code Sec-WebSocket-Accept} value for a client's key (RFC 6455 §4.2.2 item 5.4). */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }

    /** §4.1: "a randomly selected 16-byte value that has been base64-encoded", i.e. 24 characters. */
    private static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private String selectSubprotocol(List<String> offeredValues) {
        if (config.subprotocols().isEmpty() || offeredValues.isEmpty()) {
            return null;
        }
        for (String supported : config.subprotocols()) {
            for (String value : offeredValues) {
                for (String offered : value.split(",")) {
                    if (offered.strip().equals(supported)) {
                        return supported;
                    }
                }
            }
        }
        return null;
    }

    private static Response switchingProtocols(String key, String subprotocol, DeflateParameters deflate) {
        Response response = Response.of(101)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Accept", acceptKey(key));
        if (subprotocol != null) {
            response.header("Sec-WebSocket-Protocol", subprotocol);
        }
        if (deflate != null) {
            response.header("Sec-WebSocket-Extensions", deflate.headerValue());
        }
        return response;
    }

    private static HandshakeResult reject(int status, String why) {
        return new HandshakeResult.Rejected(Response.of(status).body(why));
    }
}
