package dev.gyre.ws;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a WebSocket endpoint negotiates and what it accepts; one immutable value shared by all connections.
 *
 * <table>
 *   <caption>Settings, their defaults and what happens at the limit</caption>
 *   <tr><th>setting</th><th>default</th><th>effect</th></tr>
 *   <tr><td>{@code maxMessageSize}: a message's payload, counted on the wire <em>and</em> after
 *       inflating</td><td>1 MiB</td><td>Close 1009 (RFC 6455 §7.4.1)</td></tr>
 *   <tr><td>{@code outboundFragmentSize}: largest frame payload the server sends; {@code 0} sends
 *       every message as one frame</td><td>0</td><td>larger messages go out as several frames</td></tr>
 *   <tr><td>{@code subprotocols}: what the server speaks, best first</td><td>none</td>
 *       <td>the first one the client also offered is selected</td></tr>
 *   <tr><td>{@code originPolicy}: given the {@code Origin} value, or {@code null} when absent</td>
 *       <td>allow all</td><td>403 when it answers {@code false}</td></tr>
 *   <tr><td>{@code deflate}: permessage-deflate (RFC 7692), {@code null} to switch it off</td>
 *       <td>on, {@link DeflateOptions#defaults()}</td><td>agreed when the client offers it; see
       {@link DeflateOptions}</td></tr>
 * </table>
 *
 * <p>The message limit is 1 MiB because every message is assembled in memory before the application sees
 * it: a hostile client may make each connection hold up to this much. Compression is on by default, as
 * browsers always offer it, but it costs native memory only where it is used: {@link PerMessageDeflate}
 * creates the inflater (about 40 KiB) with the first compressed message received and the deflater (about
 * 260 KiB) with the first message compressed, so a session that stays idle, or that only receives
 * broadcasts (sent uncompressed), holds neither. RFC 7692 §7.1.2 lets a client limit the server's window,
 * not the other way round, so these costs cannot be negotiated down; where memory matters more than
 * bandwidth, switch compression off with {@code withDeflate(null)}.
 *
 * <p>The origin policy is called on whichever loop thread runs the handshake, so it must be thread-safe
 * (a pure function of the origin, typically).
 */
public record WebSocketConfig(
        int maxMessageSize,
        int outboundFragmentSize,
        List<String> subprotocols,
        Predicate<String> originPolicy,
        DeflateOptions deflate) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    public static final int DEFAULT_OUTBOUND_FRAGMENT_SIZE = 0;

    public WebSocketConfig {
        if (maxMessageSize < 1 || maxMessageSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
        }
        if (outboundFragmentSize < 0) {
            throw new IllegalArgumentException("outboundFragmentSize must not be negative: " + outboundFragmentSize);
        }
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(originPolicy, "originPolicy");
    }

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_OUTBOUND_FRAGMENT_SIZE, List.of(),
                origin -> true, DeflateOptions.defaults());
    }

    public WebSocketConfig withMaxMessageSize(int v) {
        return new WebSocketConfig(v, outboundFragmentSize, subprotocols, originPolicy, deflate);
    }

    public WebSocketConfig withOutboundFragmentSize(int v) {
        return new WebSocketConfig(maxMessageSize, v, subprotocols, originPolicy, deflate);
    }

    public WebSocketConfig withSubprotocols(String... v) {
        return new WebSocketConfig(maxMessageSize, outboundFragmentSize, List.of(v), originPolicy, deflate);
    }

    public WebSocketConfig withOriginPolicy(Predicate<String> v) {
        return new WebSocketConfig(maxMessageSize, outboundFragmentSize, subprotocols, v, deflate);
    }

    /** Enables permessage-deflate with these options, or disables it with {@code null}. */
    public WebSocketConfig withDeflate(DeflateOptions v) {
        return new WebSocketConfig(maxMessageSize, outboundFragmentSize, subprotocols, originPolicy, v);
    }
}
