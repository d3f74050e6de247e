package dev.gyre.ws;

import dev.gyre.http.Request;
import dev.gyre.inject.internal.Providers;
import dev.gyre.inject.internal.RequestScope;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread-safe face of one {@link WebSocketProtocol}: what the application calls from any thread.
 *
 * <p>Every send and close goes into one lock-free queue (the <i>outbox</i>) and the connection's loop drains
 * it in order, so messages keep the order of the calls whatever thread made them, and compression (whose
 * state belongs to the loop) runs there too. The first item queued after a drain schedules the next drain;
 * a burst of sends costs one wake-up of the loop and leaves in one gathering write.
 *
 * <p>The outbound limit is checked here, on the caller's thread, against {@link #queuedBytes()}: the
 * weight of messages accepted and not yet written (bytes for binary, characters for text, which is exact
 * for ASCII and avoids encoding twice).
 */
final class ServerSession implements WebSocketSession {
    private static final AtomicLong IDS = new AtomicLong();

    /** What the loop takes from the outbox. */
    sealed interface Outgoing {
    }

    /** A message: a {@code String}, {@code byte[]} or {@link PreparedMessage}. */
    record Message(Object payload, long weight, CompletableFuture<Void> done) implements Outgoing {
    }

    record CloseRequest(int code, String reason) implements Outgoing {
    }

    private final String id = Long.toString(IDS.incrementAndGet(), 36);
    private final WebSocketProtocol connection;
    private final Request request;
    private final String subprotocol;
    private final Map<String, Object> pathValues;
    private final long maxQueued;
    private final WebSocketOptions.OverflowPolicy policy;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean open = true;
    private RequestScope scope;

    ServerSession(WebSocketProtocol connection, Request request, String subprotocol, Map<String, Object> pathValues,
                  WebSocketOptions options) {
        this.connection = connection;
        this.request = request;
        this.subprotocol = subprotocol;
        this.pathValues = pathValues;
        this.maxQueued = options.maxQueuedBytes();
        this.policy = options.overflowPolicy();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Request request() {
        return request;
    }

    /** The session's provided values, opened over the handshake request on first use. */
    synchronized RequestScope scope(Providers providers) {
        if (scope == null) {
            scope = providers.open(request);
        }
        return scope;
    }

    /** Closes the provided values that are {@code AutoCloseable}; after {@code onClose}. */
    void closeScope() {
        RequestScope s;
        synchronized (this) {
            s = scope;
            scope = null;
        }
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    /** A path parameter converted to its declared type at the handshake. */
    Object pathValue(String name) {
        return pathValues.get(name);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public CompletionStage<Void> send(String text) {
        return enqueue(text, text.length());
    }

    @Override
    public CompletionStage<Void> send(byte[] data) {
        return enqueue(data, data.length);
    }

    @Override
    public CompletionStage<Void> send(PreparedMessage message) {
        return enqueue(message, message.weight());
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code may not be sent: " + code);
        }
        open = false;
        outbox.add(new CloseRequest(code, reason == null ? "" : reason));
        scheduleDrain();
    }

    private CompletionStage<Void> enqueue(Object payload, long weight) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!open) {
            done.completeExceptionally(new WebSocketSendException("the session is closed"));
            return done;
        }
        long after = queued.addAndGet(weight);
        if (after > maxQueued && after > weight) {
            queued.addAndGet(-weight);
            done.completeExceptionally(new WebSocketSendException("outbound limit of " + maxQueued
                    + " bytes reached (" + policy + ")"));
            if (policy == WebSocketOptions.OverflowPolicy.CLOSE) {
                open = false;
                connection.overflowed();
            }
            return done;
        }
        outbox.add(new Message(payload, weight, done));
        scheduleDrain();
        return done;
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            connection.scheduleDrain();
        }
    }

    /** The next item to send, or {@code null}; the loop calls {@link #drainStarted()} before taking any. */
    Outgoing poll() {
        return outbox.poll();
    }

    /** Lets the next send schedule another drain; called by the loop before it polls. */
    void drainStarted() {
        drainScheduled.set(false);
    }

    /** No more messages are accepted: a Close was sent or received, or the connection is gone. */
    void markClosed() {
        open = false;
    }

    /** Takes weight back for a message that will not be written. */
    void release(Message m) {
        queued.addAndGet(-m.weight());
    }

    AtomicLong queuedCounter() {
        return queued;
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + id + " " + request.path() + "]";
    }
}
