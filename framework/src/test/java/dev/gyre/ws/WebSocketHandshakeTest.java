package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Headers;
import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final WebSocketHandshake DEFAULT = new WebSocketHandshake(WebSocketConfig.defaults());
    private static final WebSocketHandshake DEFLATE =
            new WebSocketHandshake(WebSocketConfig.defaults().withDeflate(DeflateOptions.defaults()));

    @Test
    void rfc6455AcceptKey() {
        // RFC 6455 §1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptKey(KEY));
    }

    @Test
    void acceptsAValidUpgradeWithTheExact101Head() {
        HandshakeResult.Accepted ok = accepted(DEFAULT, upgrade());
        assertEquals("""
                HTTP/1.1 101 Switching Protocols\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
                Server: gyre\r
                \r
                """, head(ok));
        assertNull(ok.subprotocol());
        assertNull(ok.deflate());
    }

    @Test
    void tokensAreMatchedCaseInsensitivelyInLists() {
        Headers h = new Headers().add("Host", "example.com").add("Upgrade", "WebSocket")
                .add("Connection", "keep-alive, Upgrade").add("Sec-WebSocket-Key", KEY)
                .add("Sec-WebSocket-Version", "13");
        accepted(DEFAULT, h);
    }

    @Test
    void wrongOrMissingVersionIs426WithTheSupportedVersion() {
        for (Headers h : new Headers[] {
                upgrade().set("Sec-WebSocket-Version", "8"),
                without(upgrade(), "Sec-WebSocket-Version"),
                upgrade().add("Sec-WebSocket-Version", "13")}) {
            Response r = rejected(DEFAULT, h);
            assertEquals(426, r.status());
            assertEquals("13", r.headers().get("Sec-WebSocket-Version"));
        }
    }

    @Test
    void missingUpgradeIs426NamingWebSocket() {
        Response r = rejected(DEFAULT, without(upgrade(), "Upgrade"));
        assertEquals(426, r.status());
        assertEquals("websocket", r.headers().get("Upgrade"));
        assertEquals(426, rejected(DEFAULT, upgrade().set("Upgrade", "h2c")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=!", "dGhlIHNhbXBsZSBub24=",
        "dGhlIHNhbXBsZSBub25jZSEh"})
    void malformedKeyIs400(String key) {
        assertEquals(400, rejected(DEFAULT, upgrade().set("Sec-WebSocket-Key", key)).status());
    }

    @Test
    void otherMalformedRequestsAre400() {
        assertEquals(400, rejected(DEFAULT, without(upgrade(), "Sec-WebSocket-Key")).status());
        assertEquals(400, rejected(DEFAULT, upgrade().add("Sec-WebSocket-Key", KEY)).status(), "two keys");
        assertEquals(400, rejected(DEFAULT, without(upgrade(), "Connection")).status());
        assertEquals(400, rejected(DEFAULT, upgrade().set("Connection", "keep-alive")).status());
        assertEquals(400, rejected(DEFAULT, without(upgrade(), "Host")).status());
        Response post = ((HandshakeResult.Rejected) DEFAULT.check(request("POST", HttpVersion.HTTP_1_1, upgrade())))
                .response();
        assertEquals(400, post.status());
        Response http10 = ((HandshakeResult.Rejected) DEFAULT.check(request("GET", HttpVersion.HTTP_1_0, upgrade())))
                .response();
        assertEquals(400, http10.status());
    }

    @Test
    void originPolicyDecides() {
        WebSocketHandshake strict = new WebSocketHandshake(WebSocketConfig.defaults()
                .withOriginPolicy(origin -> "https://example.com".equals(origin)));
        accepted(strict, upgrade().add("Origin", "https://example.com"));
        assertEquals(403, rejected(strict, upgrade().add("Origin", "https://evil.example")).status());
        assertEquals(403, rejected(strict, upgrade()).status(), "the policy sees null when Origin is absent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "chat, superchat         | superchat",
        "superchat               | superchat",
        "chat                    | chat",
        "CHAT                    | -",
        "other                   | -"})
    void selectsTheServersPreferredSubprotocol(String offered, String selected) {
        WebSocketHandshake h = new WebSocketHandshake(WebSocketConfig.defaults().withSubprotocols("superchat", "chat"));
        HandshakeResult.Accepted ok = accepted(h, upgrade().add("Sec-WebSocket-Protocol", offered));
        assertEquals(selected, ok.subprotocol());
        assertEquals(selected != null, head(ok).contains("Sec-WebSocket-Protocol: " + selected + "\r\n"));
    }

    @Test
    void subprotocolOffersMaySpanSeveralFields() {
        WebSocketHandshake h = new WebSocketHandshake(WebSocketConfig.defaults().withSubprotocols("v2"));
        HandshakeResult.Accepted ok = accepted(h, upgrade().add("Sec-WebSocket-Protocol", "v1")
                .add("Sec-WebSocket-Protocol", "v3, v2"));
        assertEquals("v2", ok.subprotocol());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // offer                                                                 | answer
        "permessage-deflate                                                     | permessage-deflate",
        "permessage-deflate; client_max_window_bits                             | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10                          | permessage-deflate",
        "permessage-deflate; server_max_window_bits=15                          | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=\"15\"                      | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_no_context_takeover                         | permessage-deflate; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover                         | permessage-deflate; client_no_context_takeover",
        "Permessage-Deflate ; Server_No_Context_Takeover ; Client_No_Context_Takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=10                          | -",
        "permessage-deflate; server_max_window_bits=10, permessage-deflate      | permessage-deflate",
        "permessage-deflate; server_max_window_bits                             | -",
        "permessage-deflate; server_max_window_bits=16                          | -",
        "permessage-deflate; server_max_window_bits=015                         | -",
        "permessage-deflate; client_max_window_bits=7                           | -",
        "permessage-deflate; server_no_context_takeover=1                       | -",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | -",
        "permessage-deflate; mystery                                            | -",
        "x-webkit-deflate-frame, permessage-deflate                             | permessage-deflate",
        "x-webkit-deflate-frame                                                 | -",
        "permessage-deflate; =                                                  | -",
        "permessage-deflate; server_max_window_bits=\"15                        | -"})
    void negotiatesPermessageDeflate(String offer, String answer) {
        HandshakeResult.Accepted ok = accepted(DEFLATE, upgrade().add("Sec-WebSocket-Extensions", offer));
        assertEquals(answer, ok.deflate() == null ? null : ok.deflate().headerValue());
        assertEquals(answer != null, head(ok).contains("Sec-WebSocket-Extensions: " + answer + "\r\n"));
    }

    @Test
    void chromeStyleOfferAcrossTwoFields() {
        HandshakeResult.Accepted ok = accepted(DEFLATE, upgrade()
                .add("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=9")
                .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
        assertEquals(new DeflateParameters(false, false, false), ok.deflate());
    }

    @Test
    void serverOptionsAddParametersTheClientDidNotOffer() {
        WebSocketHandshake h = new WebSocketHandshake(WebSocketConfig.defaults().withDeflate(DeflateOptions.defaults()
                .withServerNoContextTakeover(true).withClientNoContextTakeover(true)));
        HandshakeResult.Accepted ok = accepted(h, upgrade().add("Sec-WebSocket-Extensions", "permessage-deflate"));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                ok.deflate().headerValue());
    }

    @Test
    void deflateOffIgnoresOffers() {
        WebSocketHandshake off = new WebSocketHandshake(WebSocketConfig.defaults().withDeflate(null));
        assertNull(accepted(off, upgrade().add("Sec-WebSocket-Extensions", "permessage-deflate")).deflate());
    }

    @Test
    void deflateIsAgreedByDefaultWhenOffered() {
        assertEquals("permessage-deflate",
                accepted(DEFAULT, upgrade().add("Sec-WebSocket-Extensions", "permessage-deflate")).deflate().headerValue());
    }

    private static Headers upgrade() {
        return new Headers().add("Host", "server.example.com").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", KEY).add("Sec-WebSocket-Version", "13");
    }

    private static Headers without(Headers h, String name) {
        h.remove(name);
        return h;
    }

    private static RequestHead request(String method, HttpVersion version, Headers h) {
        return new RequestHead(method, "/chat", "/chat", null, version, h, -1, false, true, false,
                h.containsToken("Connection", "upgrade"));
    }

    private static HandshakeResult.Accepted accepted(WebSocketHandshake handshake, Headers h) {
        return assertInstanceOf(HandshakeResult.Accepted.class, handshake.check(request("GET", HttpVersion.HTTP_1_1, h)));
    }

    private static Response rejected(WebSocketHandshake handshake, Headers h) {
        return assertInstanceOf(HandshakeResult.Rejected.class, handshake.check(request("GET", HttpVersion.HTTP_1_1, h)))
                .response();
    }

    /** The 101 as the server writes it, without its {@code Date} line. */
    private static String head(HandshakeResult.Accepted ok) {
        ByteSink out = new ByteSink(256);
        new ResponseEncoder(new HttpDate()).encode(ok.response(), HttpVersion.HTTP_1_1, true, true, false, out);
        return new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII).replaceAll("Date: [^\r]*\r\n", "");
    }
}
