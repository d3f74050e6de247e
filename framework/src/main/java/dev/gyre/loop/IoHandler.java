package dev.gyre.loop;

import java.nio.channels.SelectionKey;

/**
 * What a selection key is attached to: the owner of one channel on one loop.
 *
 * <p>Each method is called on the owning loop's thread only, and must not block. An implementation
 * handles its own failures; what still escapes {@link #onReady} the loop logs and hands to
 * {@link #onFailure}, so that the handler's own close path releases what only it knows about.
 */
public interface IoHandler {

    /** The key was selected; {@code readyOps} says for what. */
    void onReady(SelectionKey key, int readyOps);

    /** The loop is closing and the channel with it; release what the handler holds. */
    void onLoopClosing();

    /**
     * {@code cause} escaped {@link #onReady}; the loop has logged it. By default the handler closes as it
     * does when the loop closes. If this throws too, the loop cancels the key and closes the channel.
     */
    default void onFailure(Throwable cause) {
        onLoopClosing();
    }
}
