package dev.gyre.ws;

/**
 * The permessage-deflate configuration both sides agreed on in the handshake (RFC 7692 §7.1), and the
 * {@code Sec-WebSocket-Extensions} value that tells the client.
 *
 * <p>Window sizes are not a parameter here: the server always compresses and inflates with a 32 KiB window
 * (15 bits), see {@link DeflateNegotiation}.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message
 * @param clientNoContextTakeover the client resets its compressor after every message, so the server resets
 *                                its inflater too and frees nothing it would need again
 * @param echoServerMaxWindowBits the client asked for {@code server_max_window_bits=15}, which RFC 7692
 *                                §7.1.2.1 says the answer must repeat
 */
record DeflateParameters(
        boolean serverNoContextTakeover,
        boolean clientNoContextTakeover,
        boolean echoServerMaxWindowBits) {

    /** The response's {@code Sec-WebSocket-Extensions} value, e.g. {@code permessage-deflate; server_no_context_takeover}. */
    public String headerValue() {
        StringBuilder sb = new StringBuilder(DeflateNegotiation.EXTENSION_NAME);
        if (serverNoContextTakeover) {
            sb.append("; ").append(DeflateNegotiation.SERVER_NO_CONTEXT_TAKEOVER);
        }
        if (clientNoContextTakeover) {
            sb.append("; ").append(DeflateNegotiation.CLIENT_NO_CONTEXT_TAKEOVER);
        }
        if (echoServerMaxWindowBits) {
            sb.append("; ").append(DeflateNegotiation.SERVER_MAX_WINDOW_BITS).append("=15");
        }
        return sb.toString();
    }
}
