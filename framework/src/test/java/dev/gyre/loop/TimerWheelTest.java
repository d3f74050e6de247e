package dev.gyre.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
    private static final long MS = 1_000_000L;

    @Test
    void firesAfterTheDelayNotBefore() {
        TimerWheel wheel = new TimerWheel(0);
        List<String> fired = new ArrayList<>();
        TimerWheel.Timer t = wheel.newTimer(() -> fired.add("t"));
        wheel.schedule(t, 250, 0);
        wheel.expire(200 * MS);
        assertTrue(fired.isEmpty());
        wheel.expire(300 * MS);
        assertEquals(List.of("t"), fired);
        assertFalse(t.isArmed());
        assertEquals(0, wheel.size());
    }

    @Test
    void longDelaysSurviveManyRotations() {
        TimerWheel wheel = new TimerWheel(0);
        List<Long> fired = new ArrayList<>();
        long delay = 60_000 * 3;
        TimerWheel.Timer t = wheel.newTimer(() -> fired.add(1L));
        wheel.schedule(t, delay, 0);
        for (long now = 0; now < delay; now += 100) {
            wheel.expire(now * MS);
        }
        assertTrue(fired.isEmpty());
        wheel.expire((delay + 100) * MS);
        assertEquals(1, fired.size());
    }

    @Test
    void rescheduleAndCancel() {
        TimerWheel wheel = new TimerWheel(0);
        int[] count = new int[1];
        TimerWheel.Timer t = wheel.newTimer(() -> count[0]++);
        wheel.schedule(t, 100, 0);
        wheel.schedule(t, 1000, 0);
        wheel.expire(500 * MS);
        assertEquals(0, count[0]);
        wheel.cancel(t);
        wheel.expire(2000 * MS);
        assertEquals(0, count[0]);
        wheel.cancel(t);
        assertEquals(0, wheel.size());
    }

    @Test
    void aFiringTaskMayCancelAnotherDueTimer() {
        TimerWheel wheel = new TimerWheel(0);
        List<String> fired = new ArrayList<>();
        TimerWheel.Timer[] timers = new TimerWheel.Timer[2];
        timers[0] = wheel.newTimer(() -> {
            fired.add("a");
            wheel.cancel(timers[1]);
        });
        timers[1] = wheel.newTimer(() -> fired.add("b"));
        wheel.schedule(timers[1], 100, 0);
        wheel.schedule(timers[0], 100, 0);
        wheel.expire(1000 * MS);
        assertEquals(List.of("a"), fired, "the cancelled timer does not fire");
    }

    @Test
    void waitHintFollowsTheArmedTimers() {
        TimerWheel wheel = new TimerWheel(0);
        assertEquals(0, wheel.millisUntilNext(0), "nothing armed: wait for I/O only");
        wheel.schedule(wheel.newTimer(() -> { }), 5_000, 0);
        long hint = wheel.millisUntilNext(30 * MS);
        assertTrue(hint >= 1 && hint <= TimerWheel.TICK_MILLIS, "wakes at the next tick: " + hint);
        assertEquals(-1, wheel.millisUntilNext(150 * MS), "a tick is overdue");
    }
}
