package dev.gyre.ws;

import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Endpoints for the server tests; each records what it saw as text lines a test can wait for. */
final class TestEndpoints {
    private TestEndpoints() {
    }

    /** What an endpoint saw, in order, across all its sessions. */
    static final class Events {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        void add(String event) {
            queue.add(event);
        }

        /** The next event, waiting up to 5 s. */
        String next() throws InterruptedException {
            String e = queue.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event within 5 s");
            }
            return e;
        }

        /**
         * Waits up to 5 s for {@code expected}, skipping other events: for endpoints shared by tests, whose
         * sessions end (with 1006, say) while a later test runs.
         */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            java.util.List<String> seen = new java.util.ArrayList<>();
            while (System.nanoTime() < deadline) {
                String e = queue.poll(50, TimeUnit.MILLISECONDS);
                if (expected.equals(e)) {
                    return;
                }
                if (e != null) {
                    seen.add(e);
                }
            }
            throw new AssertionError("no event " + expected + " within 5 s; saw " + seen);
        }
    }

    /** Echoes every message as it came, on the loop: the conformance target. */
    @WebSocket("/echo")
    public static final class Echo {
        final Events events = new Events();

        @OnText
        @NonBlocking
        public String text(String message) {
            return message;
        }

        @OnBinary
        @NonBlocking
        public byte[] binary(byte[] message) {
            return message;
        }

        @OnClose
        @NonBlocking
        public void closed(CloseStatus status) {
            events.add("close:" + status.code() + ":" + status.reason());
        }
    }

    /**
     * Blocking callbacks that record their thread and order; a text "fail" throws, a text "slow:N" sleeps N ms
     * before echoing.
     */
    @WebSocket(value = "/blocking/{room}/{n}", subprotocols = {"v2", "v1"})
    public static final class Blocking {
        final Events events = new Events();

        @OnOpen
        public String open(WebSocketSession session, @PathParam String room, @PathParam("n") int number,
                           Request request) {
            events.add("open:" + room + ":" + number + ":" + session.subprotocol() + ":" + request.queryParam("q")
                    + ":" + Thread.currentThread().isVirtual());
            return "welcome";
        }

        @OnText
        public String text(String message) throws Exception {
            if (message.equals("fail")) {
                throw new Exception("the listener failed");
            }
            if (message.startsWith("slow:")) {
                Thread.sleep(Integer.parseInt(message.substring(5)));
            }
            events.add("text:" + message);
            return message;
        }

        @OnError
        public void error(WebSocketSession session, Throwable error) {
            events.add("error:" + error.getMessage() + ":" + session.isOpen());
        }

        @OnClose
        public void close(CloseStatus status, @PathParam String room) {
            events.add("close:" + status.code() + ":" + room);
        }
    }

    /** The listener interface; it handles text only, so binary closes with 1003. */
    @WebSocket("/listener")
    public static final class Listener implements WebSocketListener {
        final Events events = new Events();

        @Override
        @NonBlocking
        public void onText(WebSocketSession session, String text) {
            events.add("text:" + text + ":" + Thread.currentThread().getName().startsWith("gyre-loop-"));
            session.send(text.toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public void onClose(WebSocketSession session, CloseStatus status) {
            events.add("close:" + status.code() + ":" + status.reason());
        }
    }

    /** A chat room per path: every text goes to every session of the room, sender included. */
    @WebSocket("/rooms/{room}")
    public static final class Rooms {
        private final java.util.concurrent.ConcurrentHashMap<String, SessionGroup> rooms =
                new java.util.concurrent.ConcurrentHashMap<>();

        @OnOpen
        @NonBlocking
        public void join(WebSocketSession session, @PathParam String room) {
            rooms.computeIfAbsent(room, r -> new SessionGroup()).add(session);
        }

        @OnText
        @NonBlocking
        public void say(@PathParam String room, String text) {
            rooms.get(room).broadcast(text);
        }

        @OnClose
        @NonBlocking
        public void leave(WebSocketSession session, @PathParam String room) {
            rooms.get(room).remove(session);
        }
    }

    /** Hands its sessions to the test, which sends from its own threads; it accepts no messages. */
    @WebSocket("/sessions")
    public static final class Sessions {
        final BlockingQueue<WebSocketSession> opened = new LinkedBlockingQueue<>();

        @OnOpen
        @NonBlocking
        public void open(WebSocketSession session) {
            opened.add(session);
        }

        WebSocketSession next() throws InterruptedException {
            WebSocketSession s = opened.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no session opened within 5 s");
            }
            return s;
        }
    }
}
