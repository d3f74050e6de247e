package dev.gyre.server;

import dev.gyre.http.HttpDate;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.ResponseEncoder;
import dev.gyre.loop.EventLoop;
import java.nio.ByteBuffer;
import dev.gyre.http.Upgrade;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the connections of one loop share: the read buffer, the response encoder with its cached
 * {@code Date}, and the set of open connections.
 *
 * <p>Sharing one read buffer per loop instead of one per connection is what keeps an idle connection
 * cheap: a connection owns input bytes only while a request is cut short or pipelined behind one in
 * progress. Confined to the loop's thread.
 */
final class LoopContext {
    static final int READ_BUFFER_SIZE = 64 * 1024;

    final EventLoop loop;
    final ServerConfig config;
    final HttpHandler handler;
    final ConnectionCounter counter;
    final ResponseEncoder encoder = new ResponseEncoder(new HttpDate());
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    final Set<HttpConnection> connections = new HashSet<>();
    final Set<Upgrade.Upgraded> upgraded = new HashSet<>();
    /** Where blocking response producers run: the same executor as blocking handlers. */
    final Executor blocking;
    boolean draining;

    LoopContext(EventLoop loop, ServerConfig config, HttpHandler handler, ConnectionCounter counter,
                Executor blocking) {
        this.loop = loop;
        this.config = config;
        this.handler = handler;
        this.counter = counter;
        this.blocking = blocking;
    }
}
