package dev.gyre.loop;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a listener does when {@code accept} fails, most often because the process or the system is out of
 * file descriptors ({@code EMFILE}, {@code ENFILE}). The listener is level-triggered: the connection that
 * could not be accepted stays in the backlog and the selector reports it again at once, so retrying at the
 * next wake-up is a busy loop that writes a log line per turn. Instead accepting pauses for
 * {@value #PAUSE_MILLIS} ms at a time (Netty pauses for a second too), the connections wait in the kernel's
 * backlog meanwhile, and one WARN line opens the episode. Near the limit accepts flap (one works as a
 * descriptor frees, the next fails), so the episode closes only once accepts have worked for
 * {@value #QUIET_MILLIS} ms without a failure, with one INFO line counting the attempts that failed: an
 * episode is two lines however long it lasts or however often it flaps.
 *
 * <pre>
 *   ACCEPTING ── accept fails: WARN, OP_ACCEPT off, timer ──▶ PAUSED ◀─────────────────────────────┐
 *       ▲                                                       │ timer: OP_ACCEPT on             │
 *       │                                                       ▼                                 │
 *       │                                                   RETRYING ── fails: count, OP_ACCEPT off┤
 *       │                                                       │ accept works: quiet timer       │
 *       │                                                       ▼                                 │
 *       └──── quiet timer: INFO with the count ◀──────────── QUIETING ── fails: cancel quiet timer ─┘
 * </pre>
 *
 * Confined to the listener's loop thread.
 */
final class AcceptBackOff {
    private static final Logger log = LoggerFactory.getLogger(AcceptBackOff.class);
    static final long PAUSE_MILLIS = 1_000;
    static final long QUIET_MILLIS = 5_000;

    private final EventLoop loop;
    private final Object listener;
    private final TimerWheel.Timer resume;
    private final TimerWheel.Timer quiet;
    private SelectionKey key;
    private long failed;
    private long episodeStart;

    AcceptBackOff(EventLoop loop, Object listener) {
        this.loop = loop;
        this.listener = listener;
        this.resume = loop.timers().newTimer(this::resume);
        this.quiet = loop.timers().newTimer(this::episodeOver);
    }

    /** {@code accept} on {@code key}'s listener threw {@code e}: stop accepting for a while. */
    void failed(SelectionKey key, IOException e) {
        long now = System.nanoTime();
        if (failed++ == 0) {
            episodeStart = now;
            log.warn("accept on {} failed: {}; pausing accepts for {} ms at a time until one works again",
                    listener, e.toString(), PAUSE_MILLIS);
        }
        this.key = key;
        loop.timers().cancel(quiet);
        if (key.isValid()) {
            key.interestOps(0);
            loop.timers().schedule(resume, PAUSE_MILLIS, now);
        }
    }

    /** A connection was accepted: an episode of failures, if one is under way, ends if none follows soon. */
    void accepted() {
        if (failed > 0 && !quiet.isArmed()) {
            loop.timers().schedule(quiet, QUIET_MILLIS, System.nanoTime());
        }
    }

    private void episodeOver() {
        log.info("accepting on {} again after {} failed attempts in {} ms", listener, failed,
                (System.nanoTime() - episodeStart) / 1_000_000);
        failed = 0;
    }

    private void resume() {
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }
}
