package dev.gyre.connection;

/**
 * One deadline of a connection, on its loop's timer wheel: armed, re-armed and disarmed by the protocol
 * that asked for it ({@link Wire#newDeadline}); the connection disarms it when it closes. Each deadline has
 * its own timer, so one phase's deadline never overwrites another's (a slow request body and a slow reader
 * of the previous response are timed apart). Loop thread only.
 */
public interface Deadline {

    /** Starts (or restarts) the deadline to expire {@code millis} from now. */
    void arm(long millis);

    void disarm();

    boolean isArmed();
}
