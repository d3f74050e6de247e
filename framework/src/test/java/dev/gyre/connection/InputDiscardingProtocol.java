package dev.gyre.connection;

import java.nio.ByteBuffer;

/**
 * A test's upgraded protocol that only does what its {@link #start} does: input is read and dropped, and
 * writability, the end of input, a drain and the close are ignored. Tests override the one event they are about.
 */
public abstract class InputDiscardingProtocol implements Protocol {
    @Override
    public void onInput(ByteBuffer in) {
        in.position(in.limit());
    }

    @Override
    public void onWritable() {
    }

    @Override
    public void onInputClosed() {
    }

    @Override
    public void drain() {
    }

    @Override
    public void onClosed() {
    }
}
