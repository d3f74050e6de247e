package dev.gyre.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection deadlines, all kept in each loop's timer wheel.
 *
 * @param idle        a keep-alive connection with no request under way is closed quietly after this
 * @param requestHead the request line and headers must arrive within this from their first byte,
 *                    else {@code 408} and close (slowloris); on a PROXY protocol listener the header must
 *                    arrive within this of the accept, and the first head has what the header's arrival (from
 *                    its first byte to its last) left of it
 * @param bodyRead    the longest pause between pieces of a request body, else {@code 408} and close
 * @param write       the longest a response may wait for the client to read, else the connection closes
 * @param linger      after the server closes its side, how long it keeps draining the client's bytes so
 *                    that the last response is not destroyed by a TCP reset
 * @param minRequestBodyRate the slowest a request body may arrive on average (from its head, or from the
 *                    {@code 100 Continue}, or from when a paused streamed body resumes), else as
 *                    {@code bodyRead}: {@code 408} and close, or only close once the handler has the body
 * @param minResponseRate the slowest a client may read on average while a response waits for it (from
 *                    the write that first could not finish), else the connection closes
 */
public record Timeouts(Duration idle, Duration requestHead, Duration bodyRead, Duration write, Duration linger,
                       MinDataRate minRequestBodyRate, MinDataRate minResponseRate) {

    public Timeouts {
        Objects.requireNonNull(minRequestBodyRate, "minRequestBodyRate");
        Objects.requireNonNull(minResponseRate, "minResponseRate");
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(2), MinDataRate.defaults(), MinDataRate.defaults());
    }

    public Timeouts withIdle(Duration d) {
        return new Timeouts(d, requestHead, bodyRead, write, linger, minRequestBodyRate, minResponseRate);
    }

    public Timeouts withRequestHead(Duration d) {
        return new Timeouts(idle, d, bodyRead, write, linger, minRequestBodyRate, minResponseRate);
    }

    public Timeouts withBodyRead(Duration d) {
        return new Timeouts(idle, requestHead, d, write, linger, minRequestBodyRate, minResponseRate);
    }

    public Timeouts withWrite(Duration d) {
        return new Timeouts(idle, requestHead, bodyRead, d, linger, minRequestBodyRate, minResponseRate);
    }

    public Timeouts withLinger(Duration d) {
        return new Timeouts(idle, requestHead, bodyRead, write, d, minRequestBodyRate, minResponseRate);
    }

    public Timeouts withMinRequestBodyRate(MinDataRate rate) {
        return new Timeouts(idle, requestHead, bodyRead, write, linger, rate, minResponseRate);
    }

    public Timeouts withMinResponseRate(MinDataRate rate) {
        return new Timeouts(idle, requestHead, bodyRead, write, linger, minRequestBodyRate, rate);
    }
}
