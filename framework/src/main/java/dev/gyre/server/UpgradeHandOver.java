package dev.gyre.server;

import dev.gyre.http.Request;
import dev.gyre.http.Upgrade;
import dev.gyre.loop.BufferBudget;
import dev.gyre.loop.EventLoop;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What an HTTP connection passes to the protocol it upgrades to, and the bookkeeping that follows the
 * channel: the upgraded connection stays counted and drainable until it reports itself closed.
 */
final class UpgradeHandOver implements Upgrade.Context {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final LoopContext ctx;
    private final ByteBuffer leftover;
    private final Request request;
    private Upgrade.Upgraded upgraded;
    private boolean closed;

    UpgradeHandOver(SocketChannel channel, SelectionKey key, LoopContext ctx, ByteBuffer leftover, Request request) {
        this.channel = channel;
        this.key = key;
        this.ctx = ctx;
        this.leftover = leftover;
        this.request = request;
    }

    /** Starts the new protocol and attaches it to the key. Loop thread. */
    void start(Upgrade upgrade) {
        key.interestOps(SelectionKey.OP_READ);
        upgraded = upgrade.start(this);
        key.attach(upgraded);
        if (!closed) {
            ctx.upgraded.add(upgraded);
        }
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public SelectionKey key() {
        return key;
    }

    @Override
    public EventLoop loop() {
        return ctx.loop;
    }

    @Override
    public BufferBudget bufferBudget() {
        return ctx.bodyBudget;
    }

    @Override
    public ByteBuffer leftover() {
        return leftover;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public void closed() {
        if (closed) {
            return;
        }
        closed = true;
        if (upgraded != null) {
            ctx.upgraded.remove(upgraded);
        }
        ctx.counter.closed();
    }
}
