package dev.gyre.ws;

/**
 * Close status codes (RFC 6455 §7.4) and which of them may appear on the wire.
 *
 * <p>Validity follows RFC 6455 §7.4.1–§7.4.2 and the IANA "WebSocket Close Code Number Registry":
 * <ul>
 *   <li>1000–1003 and 1007–1011 are defined by RFC 6455 and valid;</li>
 *   <li>1012 (service restart), 1013 (try again later) and 1014 (bad gateway) were registered with IANA
 *       after RFC 6455 and are sent by real servers and proxies, so they are accepted too (the current
 *       Autobahn test suite lists neither as valid nor invalid);</li>
 *   <li>1004 is reserved; 1005, 1006 and 1015 are sentinels an endpoint "MUST NOT" put in a Close frame
 *       (RFC 6455 §7.4.1): invalid;</li>
 *   <li>1016–2999 are unassigned and 0–999 unused: invalid;</li>
 *   <li>3000–3999 (registered for libraries and frameworks) and 4000–4999 (private use): valid.</li>
 * </ul>
 * A received Close frame carrying an invalid code fails the connection with {@link #PROTOCOL_ERROR}.
 */
final class CloseCodes {
    private CloseCodes() {
    }

    /** The purpose for which the connection was established has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** The endpoint is going away: server shutting down, browser leaving the page. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the framing rules of RFC 6455 §5. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A data type the endpoint cannot accept, e.g. binary where only text is understood. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Sentinel, never on the wire: the peer's Close frame had no status code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Sentinel, never on the wire: the connection ended without a Close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** The message payload does not match its type, e.g. a text message that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Generic policy violation. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message is larger than the endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Client only: the server did not negotiate an extension the client requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is restarting (IANA registry). */
    public static final int SERVICE_RESTART = 1012;
    /** The server is overloaded; the client should retry later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;

    /** Whether {@code code} may be carried in a Close frame, sent or received. */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }
}
