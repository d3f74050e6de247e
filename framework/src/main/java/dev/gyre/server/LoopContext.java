package dev.gyre.server;

import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.codec.SharedStrings;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.loop.BufferBudget;
import dev.gyre.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the connections of one loop share: the read buffer, the strings repeated requests share, the
 * response encoder with its cached {@code Date}, and the set of open connections.
 *
 * <p>Sharing one read buffer per loop instead of one per connection is what keeps an idle connection
 * cheap: a connection owns input bytes only while a request is cut short or pipelined behind one in
 * progress. The buffer is on the heap: the JDK reads into its own per-thread direct buffer and copies
 * the bytes over (one {@code memcpy} per read), after which the parser scans a plain array and takes
 * whole lines without copying them; parsing straight from direct memory reads byte by byte through
 * {@code ByteBuffer.get} and copies every line, which JFR showed costing more than the copy saved.
 * Confined to the loop's thread.
 */
final class LoopContext {
    static final int READ_BUFFER_SIZE = 64 * 1024;

    final EventLoop loop;
    final ServerConfig config;
    final HttpHandler handler;
    final ConnectionCounter counter;
    /** Shared by every loop of the server: what whole request bodies may hold while they arrive. */
    final BufferBudget bodyBudget;
    /** Its {@code Date} from the loop's clock as read once per callback ({@link EventLoop#eventMillis}). */
    final ResponseEncoder encoder;
    final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    final SharedStrings strings = new SharedStrings();
    /** Every open connection of the loop, whichever protocol it carries, so that shutdown can drain it. */
    final Set<Connection> connections = new HashSet<>();
    /** Where blocking response producers run: the same executor as blocking handlers. */
    final Executor blocking;
    /** Which ways into HTTP/2 this server offers, and the limits of its connections. */
    final Http2Options http2;
    boolean draining;

    LoopContext(EventLoop loop, ServerConfig config, HttpHandler handler, ConnectionCounter counter,
                BufferBudget bodyBudget, Executor blocking, Http2Options http2) {
        this.loop = loop;
        this.encoder = new ResponseEncoder(new HttpDate(loop::eventMillis));
        this.config = config;
        this.handler = handler;
        this.counter = counter;
        this.bodyBudget = bodyBudget;
        this.blocking = blocking;
        this.http2 = http2;
    }
}
