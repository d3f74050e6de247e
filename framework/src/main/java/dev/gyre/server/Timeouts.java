package dev.gyre.server;

import java.time.Duration;

/**
 * Connection deadlines, all kept in each loop's timer wheel.
 *
 * @param idle        a keep-alive connection with no request under way is closed quietly after this
 * @param requestHead the request line and headers must arrive within this from their first byte,
 *                    else {@code 408} and close (slowloris)
 * @param bodyRead    the longest pause between pieces of a request body, else {@code 408} and close
 * @param write       the longest a response may wait for the client to read, else the connection closes
 * @param linger      after the server closes its side, how long it keeps draining the client's bytes so
 *                    that the last response is not destroyed by a TCP reset
 */
public record Timeouts(Duration idle, Duration requestHead, Duration bodyRead, Duration write, Duration linger) {

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    public Timeouts withIdle(Duration d) {
        return new Timeouts(d, requestHead, bodyRead, write, linger);
    }

    public Timeouts withRequestHead(Duration d) {
        return new Timeouts(idle, d, bodyRead, write, linger);
    }

    public Timeouts withBodyRead(Duration d) {
        return new Timeouts(idle, requestHead, d, write, linger);
    }

    public Timeouts withWrite(Duration d) {
        return new Timeouts(idle, requestHead, bodyRead, d, linger);
    }

    public Timeouts withLinger(Duration d) {
        return new Timeouts(idle, requestHead, bodyRead, write, d);
    }
}
