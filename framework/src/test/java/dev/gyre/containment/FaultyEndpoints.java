package dev.gyre.containment;

import dev.gyre.handler.NonBlocking;
import dev.gyre.ws.CloseStatus;
import dev.gyre.ws.OnClose;
import dev.gyre.ws.OnError;
import dev.gyre.ws.OnOpen;
import dev.gyre.ws.OnText;
import dev.gyre.ws.WebSocket;
import dev.gyre.ws.WebSocketSession;

/** WebSocket endpoints whose loop callbacks throw the armed {@link Fault}. */
final class FaultyEndpoints {
    private FaultyEndpoints() {
    }

    @WebSocket("/ws/open")
    public static final class OnOpenThrows {
        @OnOpen
        @NonBlocking
        public void open(WebSocketSession session) {
            throw Fault.raise();
        }
    }

    @WebSocket("/ws/message")
    public static final class OnTextThrows {
        @OnText
        @NonBlocking
        public String text(String message) {
            throw Fault.raise();
        }
    }

    /** {@code onText} fails plainly, to reach {@code onError}, which throws the fault. */
    @WebSocket("/ws/error")
    public static final class OnErrorThrows {
        @OnText
        @NonBlocking
        public String text(String message) {
            throw new IllegalArgumentException("to reach onError");
        }

        @OnError
        @NonBlocking
        public void error(WebSocketSession session, Throwable error) {
            throw Fault.raise();
        }
    }

    @WebSocket("/ws/close")
    public static final class OnCloseThrows {
        @OnClose
        @NonBlocking
        public void close(CloseStatus status) {
            throw Fault.raise();
        }
    }
}
