package dev.gyre.ws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses a permessage-deflate offer from the client's {@code Sec-WebSocket-Extensions} (RFC 7692 §5, §7.1).
 *
 * <p>Offers are tried in the client's order and the first acceptable one wins. An offer is declined, and the
 * next one tried, when RFC 7692 §7.1 requires it: an unknown parameter, a repeated parameter, a value that
 * is invalid or missing, or a configuration the server cannot honour. Declining everything is never an
 * error; the connection simply runs without compression. A header that does not parse (RFC 6455 §9.1
 * grammar) is treated the same way.
 *
 * <p><b>Window bits.</b> {@link java.util.zip.Deflater} always compresses with a 32 KiB window (15 bits) and
 * cannot be told otherwise. A client that sends {@code server_max_window_bits=N} with {@code N < 15} asks
 * the server never to refer further back than 2^N bytes, which the server could not guarantee, so such an
 * offer is declined (typically the client sends a fallback offer without it). {@code N = 15} is accepted and
 * repeated in the answer, as §7.1.2.1 requires. {@code client_max_window_bits} (with or without a value) is
 * accepted and not answered: it only limits the client, and an inflater with a 15-bit window reads a stream
 * compressed with any smaller one (§7.1.2.2 lets the server leave it out).
 */
final class DeflateNegotiation {
    static final String EXTENSION_NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private DeflateNegotiation() {
    }

    /** The agreed parameters, or {@code null} when no offer is acceptable (or none was made). */
    static DeflateParameters negotiate(List<String> headerValues, DeflateOptions options) {
        if (options == null || headerValues.isEmpty()) {
            return null;
        }
        List<Offer> offers = ExtensionHeader.parse(String.join(",", headerValues));
        if (offers == null) {
            return null;
        }
        for (Offer offer : offers) {
            if (offer.name().equalsIgnoreCase(EXTENSION_NAME)) {
                DeflateParameters agreed = accept(offer, options);
                if (agreed != null) {
                    return agreed;
                }
            }
        }
        return null;
    }

    private static DeflateParameters accept(Offer offer, DeflateOptions options) {
        boolean serverNoContextTakeover = options.serverNoContextTakeover();
        boolean clientNoContextTakeover = options.clientNoContextTakeover();
        boolean echoServerWindow = false;
        Set<String> seen = new HashSet<>();
        for (Param p : offer.params()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    serverNoContextTakeover = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    clientNoContextTakeover = true;
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    int bits = windowBits(p.value());
                    if (bits != 15) {
                        return null; // invalid, or smaller than Deflater can promise
                    }
                    echoServerWindow = true;
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    if (p.value() != null && windowBits(p.value()) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, echoServerWindow);
    }

    /** 8..15 written as 1*DIGIT without leading zeros (RFC 7692 §7.1.2.1), else -1. */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bits = bits * 10 + (c - '0');
        }
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    record Offer(String name, List<Param> params) {
    }

    /** {@code value} is {@code null} for a parameter without {@code =}; quoted strings arrive unquoted. */
    record Param(String name, String value) {
    }

    /**
     * The RFC 6455 §9.1 grammar: {@code 1#( token *( ";" token [ "=" ( token / quoted-string ) ] ) )}, with
     * optional whitespace around the separators.
     */
    static final class ExtensionHeader {
        private final String s;
        private int i;

        private ExtensionHeader(String s) {
            this.s = s;
        }

        /** Every offer in order, or {@code null} if the text breaks the grammar. */
        static List<Offer> parse(String value) {
            return new ExtensionHeader(value).offers();
        }

        private List<Offer> offers() {
            List<Offer> offers = new ArrayList<>(2);
            while (true) {
                skipOws();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++; // empty list elements are allowed (RFC 9110 §5.6.1)
                    continue;
                }
                if (i == s.length()) {
                    return offers.isEmpty() ? null : offers;
                }
                String name = token();
                if (name == null) {
                    return null;
                }
                List<Param> params = new ArrayList<>(2);
                skipOws();
                while (i < s.length() && s.charAt(i) == ';') {
                    i++;
                    skipOws();
                    String param = token();
                    if (param == null) {
                        return null;
                    }
                    String value = null;
                    skipOws();
                    if (i < s.length() && s.charAt(i) == '=') {
                        i++;
                        skipOws();
                        value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                        if (value == null) {
                            return null;
                        }
                        skipOws();
                    }
                    params.add(new Param(param, value));
                }
                offers.add(new Offer(name, params));
                if (i < s.length() && s.charAt(i) != ',') {
                    return null;
                }
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return i > start ? s.substring(start, i) : null;
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (i == s.length()) {
                        return null;
                    }
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            return null;
        }

        private void skipOws() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        /** tchar of RFC 9110 §5.6.2. */
        static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
