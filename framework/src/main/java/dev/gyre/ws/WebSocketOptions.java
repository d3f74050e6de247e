package dev.gyre.ws;

import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.HttpHandler;
import dev.gyre.inject.internal.Providers;
import dev.gyre.loop.BufferBudget;
import dev.gyre.server.MinDataRate;
import dev.gyre.ws.internal.SessionCounters;
import dev.gyre.ws.internal.WebSocketEndpoints;
import dev.gyre.ws.internal.WebSocketFrames;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * How the server runs WebSocket sessions; one value for all endpoints, set with
 * {@code Gyre.builder().webSockets(...)}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>effect</th></tr>
 *   <tr><td>{@code protocol}</td><td>{@link WebSocketConfig#defaults()}</td><td>message limit (1 MiB, then
 *       1009), permessage-deflate (agreed when offered), origin policy; an endpoint's
 *       {@link WebSocket#subprotocols()} are added to it</td></tr>
 *   <tr><td>{@code maxQueuedBytes}</td><td>1 MiB</td><td>outbound bytes a session may have waiting for a
 *       slow client; a message that would pass it is refused, see the policy. A message is always accepted
 *       into an empty queue, so one message larger than the limit can still be sent</td></tr>
 *   <tr><td>{@code overflowPolicy}</td><td>{@link OverflowPolicy#CLOSE}</td><td>what happens to the session
 *       when the limit is reached</td></tr>
 *   <tr><td>{@code pingInterval}</td><td>30 s</td><td>a Ping is sent when nothing was received for this
 *       long; browsers and the JDK client answer with a Pong. {@link Duration#ZERO} sends none</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>75 s</td><td>a session from which nothing (not even a Pong) was
 *       received for this long is closed with 1001; {@link Duration#ZERO} never times out</td></tr>
 *   <tr><td>{@code closeTimeout}</td><td>5 s</td><td>how long a closing session waits for the peer's Close
 *       and for its last frames to be read before the TCP connection is closed regardless</td></tr>
 *   <tr><td>{@code minMessageRate}</td><td>240 B/s after 5 s</td><td>the slowest an unfinished message may
 *       arrive, in its payload bytes on the wire from its first frame (the request-body rule); a slower
 *       one is closed with 1008, so a message cannot hold the buffer budget while pongs keep the session
 *       alive. {@link MinDataRate#disabled()} turns it off</td></tr>
 * </table>
 *
 * <p>The idle timeout is two and a half ping intervals, so a live client that answers pings is never cut
 * off, and a vanished one (no FIN, no RST: a dead NAT entry, a laptop lid) is noticed within the timeout.
 * The timers run on the loop's timer wheel, checked every ping interval (or every idle timeout when pings
 * are off), so the timeout fires up to one interval late.
 */
public record WebSocketOptions(
        WebSocketConfig protocol,
        long maxQueuedBytes,
        OverflowPolicy overflowPolicy,
        Duration pingInterval,
        Duration idleTimeout,
        Duration closeTimeout,
        MinDataRate minMessageRate) {

    public static final long DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    static {
        WebSocketEndpoints.install(new WebSocketEndpoints.Access() {
            @Override
            public boolean isEndpoint(Object handler) {
                return WebSocketDispatcher.isEndpoint(handler);
            }

            @Override
            public HttpHandler dispatcher(List<Object> endpoints, WebSocketOptions options, Executor blocking,
                                          HttpHandler http, Providers providers, PathFilters filters,
                                          SessionCounters counters, BufferBudget budget) {
                return new WebSocketDispatcher(endpoints, options, blocking, http, providers, filters, counters,
                        budget);
            }
        });
        WebSocketFrames.install(new WebSocketFrames.Access() {
            @Override
            public Function<ByteBuffer, WebSocketEvent> decoder(int maxMessageSize) {
                return new FrameDecoder(maxMessageSize, null)::decode;
            }

            @Override
            public Function<String, ByteBuffer> textEncoder() {
                return new FrameEncoder(0, null)::text;
            }
        });
    }

    /** What a session does with a message that would pass its outbound limit. */
    public enum OverflowPolicy {
        /**
         * Close the session with 1008 (policy violation): the messages still queued are discarded (their
         * stages fail) and the Close frame goes out right after any frame already half written. The default:
         * a client that cannot keep up would otherwise see a stream with holes it cannot detect.
         */
        CLOSE,
        /**
         * Refuse only this message (its stage fails) and keep the session: for streams where a later
         * message supersedes an earlier one (prices, positions), so losing some is acceptable.
         */
        DROP
    }

    public WebSocketOptions {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(minMessageRate, "minMessageRate");
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxQueuedBytes);
        }
        for (Duration d : new Duration[] {pingInterval, idleTimeout, closeTimeout}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive");
        }
    }

    public static WebSocketOptions defaults() {
        return new WebSocketOptions(WebSocketConfig.defaults(), DEFAULT_MAX_QUEUED_BYTES, OverflowPolicy.CLOSE,
                DEFAULT_PING_INTERVAL, DEFAULT_IDLE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, MinDataRate.defaults());
    }

    public WebSocketOptions withProtocol(WebSocketConfig v) {
        return new WebSocketOptions(v, maxQueuedBytes, overflowPolicy, pingInterval, idleTimeout, closeTimeout, minMessageRate);
    }

    public WebSocketOptions withMaxQueuedBytes(long v) {
        return new WebSocketOptions(protocol, v, overflowPolicy, pingInterval, idleTimeout, closeTimeout, minMessageRate);
    }

    public WebSocketOptions withOverflowPolicy(OverflowPolicy v) {
        return new WebSocketOptions(protocol, maxQueuedBytes, v, pingInterval, idleTimeout, closeTimeout, minMessageRate);
    }

    public WebSocketOptions withPingInterval(Duration v) {
        return new WebSocketOptions(protocol, maxQueuedBytes, overflowPolicy, v, idleTimeout, closeTimeout, minMessageRate);
    }

    public WebSocketOptions withIdleTimeout(Duration v) {
        return new WebSocketOptions(protocol, maxQueuedBytes, overflowPolicy, pingInterval, v, closeTimeout, minMessageRate);
    }

    public WebSocketOptions withCloseTimeout(Duration v) {
        return new WebSocketOptions(protocol, maxQueuedBytes, overflowPolicy, pingInterval, idleTimeout, v, minMessageRate);
    }

    public WebSocketOptions withMinMessageRate(MinDataRate v) {
        return new WebSocketOptions(protocol, maxQueuedBytes, overflowPolicy, pingInterval, idleTimeout, closeTimeout, v);
    }
}
