package dev.gyre.server;

import dev.gyre.connection.Deadline;
import dev.gyre.connection.Protocol;
import dev.gyre.connection.Wire;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.internal.FrameworkProtocol;
import dev.gyre.transport.TlsInfo;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The {@link Wire} an application's own upgrade protocol gets: the connection's, with every call that reads or
 * changes loop-confined state refused off the loop thread with an {@link IllegalStateException}. The
 * connection's queue, selection key and timers are not thread-safe, and a protocol that wrote from another
 * thread corrupted them (a tester's foreign-thread writes broke 4 of 9 streams); the refusal makes the
 * {@code Wire}'s "loop thread only" a guarantee instead of advice. {@link #loop()}, {@link #tls()} and
 * {@link #remote()} answer on any thread: the first is how other threads hand work to the loop.
 *
 * <p>The framework's own protocols ({@link FrameworkProtocol}) get the connection itself: one thread check per
 * call is cheap, but they need none.
 */
final class LoopConfinedWire implements Wire {
    private final Wire wire;
    private final LoopExecutor loop;

    private LoopConfinedWire(Wire wire, LoopExecutor loop) {
        this.wire = wire;
        this.loop = loop;
    }

    /** {@code next} as an upgrade starts it: as it is when the framework's own, else behind the check. */
    static Protocol guard(Protocol next, LoopExecutor loop) {
        return next instanceof FrameworkProtocol ? next : new Guarded(next, loop);
    }

    private void onLoop(String call) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("Wire." + call + " called on " + Thread.currentThread().getName()
                    + ": a Wire is loop-thread only; hand the work to wire.loop().execute(...)");
        }
    }

    @Override
    public void write(ByteBuffer bytes) {
        onLoop("write");
        wire.write(bytes);
    }

    @Override
    public void write(byte[] bytes) {
        onLoop("write");
        wire.write(bytes);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        onLoop("write");
        wire.write(bytes, offset, length);
    }

    @Override
    public void sendFile(FileChannel file, long pos, long count) {
        onLoop("sendFile");
        wire.sendFile(file, pos, count);
    }

    @Override
    public void whenSent(Sent listener) {
        onLoop("whenSent");
        wire.whenSent(listener);
    }

    @Override
    public void flush() {
        onLoop("flush");
        wire.flush();
    }

    @Override
    public long backlog() {
        onLoop("backlog");
        return wire.backlog();
    }

    @Override
    public boolean writable() {
        onLoop("writable");
        return wire.writable();
    }

    @Override
    public void pauseReading() {
        onLoop("pauseReading");
        wire.pauseReading();
    }

    @Override
    public void resumeReading() {
        onLoop("resumeReading");
        wire.resumeReading();
    }

    @Override
    public void closeAfterFlush() {
        onLoop("closeAfterFlush");
        wire.closeAfterFlush();
    }

    @Override
    public void close() {
        onLoop("close");
        wire.close();
    }

    @Override
    public boolean isOpen() {
        onLoop("isOpen");
        return wire.isOpen();
    }

    @Override
    public void switchTo(Protocol next, ByteBuffer leftover) {
        onLoop("switchTo");
        wire.switchTo(guard(next, loop), leftover);
    }

    @Override
    public Deadline newDeadline(Runnable onExpiry) {
        onLoop("newDeadline");
        Deadline deadline = wire.newDeadline(onExpiry);
        return new Deadline() {
            @Override
            public void arm(long millis) {
                onLoop("Deadline.arm");
                deadline.arm(millis);
            }

            @Override
            public void disarm() {
                onLoop("Deadline.disarm");
                deadline.disarm();
            }

            @Override
            public boolean isArmed() {
                onLoop("Deadline.isArmed");
                return deadline.isArmed();
            }
        };
    }

    @Override
    public LoopExecutor loop() {
        return loop;
    }

    @Override
    public TlsInfo tls() {
        return wire.tls();
    }

    @Override
    public InetSocketAddress remote() {
        return wire.remote();
    }

    /** An application's protocol, started with the checked wire; every other call passes through. */
    private record Guarded(Protocol protocol, LoopExecutor loop) implements Protocol {
        @Override
        public void start(Wire wire, ByteBuffer leftover) {
            protocol.start(new LoopConfinedWire(wire, loop), leftover);
        }

        @Override
        public void onInput(ByteBuffer in) {
            protocol.onInput(in);
        }

        @Override
        public void onWritable() {
            protocol.onWritable();
        }

        @Override
        public void onInputClosed() {
            protocol.onInputClosed();
        }

        @Override
        public void drain() {
            protocol.drain();
        }

        @Override
        public void onClosed() {
            protocol.onClosed();
        }
    }
}
