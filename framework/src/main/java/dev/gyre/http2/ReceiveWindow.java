package dev.gyre.http2;

/**
 * What the peer may still send on one stream or on the whole connection (RFC 9113 §6.9), and when to tell it
 * it may send more.
 *
 * <p>Bytes received shrink the window; bytes the consumer has {@linkplain #consumed consumed} are given back
 * with a WINDOW_UPDATE once they reach half of the window's full size, so that updates are few and the peer
 * never stalls waiting for one. Because a stream's bytes come back only when its handler consumed them, a slow
 * handler stops its own stream and nothing else. Not thread-safe: the connection's loop owns it.
 */
final class ReceiveWindow {
    private final int fullSize;
    private int available;
    private int unannounced;

    /**
     * @param initial  the window the peer starts with (65,535 for the connection, our
     *                 SETTINGS_INITIAL_WINDOW_SIZE for a stream)
     * @param fullSize the window restored once everything received is consumed
     */
    ReceiveWindow(int initial, int fullSize) {
        this.available = initial;
        this.fullSize = fullSize;
        this.unannounced = fullSize - initial;
    }

    /** @return whether {@code bytes} fit the window; if they do, the window shrinks by them */
    boolean receive(int bytes) {
        if (bytes > available) {
            return false;
        }
        available -= bytes;
        return true;
    }

    /**
     * Gives back {@code bytes} the consumer is done with.
     *
     * @return the increment to send in a WINDOW_UPDATE now, or 0 if it is not yet worth one
     */
    int consumed(int bytes) {
        unannounced += bytes;
        if (unannounced < fullSize / 2 || unannounced == 0) {
            return 0;
        }
        int increment = unannounced;
        available += increment;
        unannounced = 0;
        return increment;
    }

    int available() {
        return available;
    }
}
