package dev.gyre.sample;

import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.ws.OnClose;
import dev.gyre.ws.OnOpen;
import dev.gyre.ws.OnText;
import dev.gyre.ws.SessionGroup;
import dev.gyre.ws.WebSocket;
import dev.gyre.ws.WebSocketSession;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /ws/chat/{room}}: the chat page's socket. The protocol is as small as it can be: a client sends a
 * text message, and the server sends that same text, unchanged, to every session in the room, the sender
 * included (so a client shows its own line when the server has accepted it). Binary messages are not part of
 * it and close the session with 1003.
 *
 * <p>Each room is a {@link SessionGroup}, so a line is framed once however many are in the room. Everything
 * here only touches concurrent maps and queues, so it runs on the event loop.
 */
@WebSocket("/ws/chat/{room}")
public final class ChatSocket {
    private final ConcurrentHashMap<String, SessionGroup> rooms = new ConcurrentHashMap<>();

    @OnOpen
    @NonBlocking
    public void join(WebSocketSession session, @PathParam String room) {
        rooms.compute(room, (name, group) -> {
            SessionGroup g = group != null ? group : new SessionGroup();
            g.add(session);
            return g;
        });
    }

    @OnText
    @NonBlocking
    public void say(@PathParam String room, String line) {
        SessionGroup group = rooms.get(room);
        if (group != null) {
            group.broadcast(line);
        }
    }

    @OnClose
    @NonBlocking
    public void leave(WebSocketSession session, @PathParam String room) {
        rooms.computeIfPresent(room, (name, group) -> group.remove(session) && group.isEmpty() ? null : group);
    }
}
