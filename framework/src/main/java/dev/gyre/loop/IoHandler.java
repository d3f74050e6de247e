package dev.gyre.loop;

import java.nio.channels.SelectionKey;

/**
 * What a selection key is attached to: the owner of one channel on one loop.
 *
 * <p>Each method is called on the owning loop's thread only, and must not block. An implementation
 * handles its own failures: the loop logs and closes what escapes, but cannot know what else to release.
 */
public interface IoHandler {

    /** The key was selected; {@code readyOps} says for what. */
    void onReady(SelectionKey key, int readyOps);

    /** The loop is closing and the channel with it; release what the handler holds. */
    void onLoopClosing();
}
