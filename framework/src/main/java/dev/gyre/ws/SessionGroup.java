package dev.gyre.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of sessions that receive the same messages, such as the members of a chat room. A broadcast frames
 * the message once ({@link PreparedMessage}) and hands every session a view of the same bytes: the cost per
 * session is a queue entry, not a copy of the message.
 *
 * <p>Sessions that have closed are dropped from the group on the next broadcast; removing them in
 * {@link OnClose} keeps the group small sooner. Thread-safe; a broadcast runs on the caller's thread and
 * only queues, it never waits for a socket.
 */
public final class SessionGroup {
    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    public boolean add(WebSocketSession session) {
        return sessions.add(session);
    }

    public boolean remove(WebSocketSession session) {
        return sessions.remove(session);
    }

    public int size() {
        return sessions.size();
    }

    public boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** Sends a text message to every open session; returns to how many. */
    public int broadcast(String text) {
        return broadcast(PreparedMessage.text(text));
    }

    /** Sends a binary message to every open session; returns to how many. */
    public int broadcast(byte[] data) {
        return broadcast(PreparedMessage.binary(data));
    }

    /**
     * Sends the message to every open session; returns to how many. A session whose outbound limit is
     * reached is handled by its policy ({@link WebSocketOptions#overflowPolicy()}); the others are not
     * held back by it.
     */
    public int broadcast(PreparedMessage message) {
        int sent = 0;
        for (WebSocketSession session : sessions) {
            if (session.isOpen()) {
                session.send(message);
                sent++;
            } else {
                sessions.remove(session);
            }
        }
        return sent;
    }
}
