package dev.gyre.http2.config;

import java.time.Duration;

/**
 * How many frames of each kind a peer may send in one window of time before its connection is ended with
 * GOAWAY ENHANCE_YOUR_CALM. Each kind is a frame that costs the server work (an answer, a stream set up and
 * torn down) or nothing at all, and that a real client sends only now and then.
 *
 * <table>
 *   <caption>Flood limits and their defaults, per {@value #DEFAULT_WINDOW_SECONDS} s window</caption>
 *   <tr><th>limit</th><th>counts</th><th>default</th><th>attack</th></tr>
 *   <tr><td>{@code resets}</td><td>RST_STREAM received, and streams this server reset for a stream error
 *       or refused</td><td>{@value #DEFAULT_RESETS}</td><td>rapid reset, CVE-2023-44487</td></tr>
 *   <tr><td>{@code settings}</td><td>SETTINGS without ACK (each one is acknowledged)</td>
 *       <td>{@value #DEFAULT_SETTINGS}</td><td>SETTINGS flood, CVE-2019-9515</td></tr>
 *   <tr><td>{@code pings}</td><td>PING without ACK (each one is answered)</td><td>{@value #DEFAULT_PINGS}</td>
 *       <td>ping flood, CVE-2019-9512</td></tr>
 *   <tr><td>{@code emptyFrames}</td><td>DATA without payload or END_STREAM, CONTINUATION without payload
 *       or END_HEADERS</td><td>{@value #DEFAULT_EMPTY_FRAMES}</td><td>empty frames flood, CVE-2019-9518</td></tr>
 *   <tr><td>{@code windowUpdates}</td><td>WINDOW_UPDATE</td><td>{@value #DEFAULT_WINDOW_UPDATES}</td>
 *       <td>window update flood</td></tr>
 *   <tr><td>{@code priorities}</td><td>PRIORITY</td><td>{@value #DEFAULT_PRIORITIES}</td>
 *       <td>priority shuffling, CVE-2019-9513</td></tr>
 * </table>
 *
 * @param window the length of one counting window
 */
public record FloodLimits(Duration window, int resets, int settings, int pings, int emptyFrames,
                          int windowUpdates, int priorities) {
    public static final int DEFAULT_WINDOW_SECONDS = 10;
    public static final int DEFAULT_RESETS = 200;
    public static final int DEFAULT_SETTINGS = 100;
    public static final int DEFAULT_PINGS = 100;
    public static final int DEFAULT_EMPTY_FRAMES = 100;
    public static final int DEFAULT_WINDOW_UPDATES = 10_000;
    public static final int DEFAULT_PRIORITIES = 1_000;

    public FloodLimits {
        if (window.isNegative() || window.isZero() || resets < 1 || settings < 1 || pings < 1
                || emptyFrames < 1 || windowUpdates < 1 || priorities < 1) {
            throw new IllegalArgumentException("flood limits out of range: " + this);
        }
    }

    public static FloodLimits defaults() {
        return new FloodLimits(Duration.ofSeconds(DEFAULT_WINDOW_SECONDS), DEFAULT_RESETS, DEFAULT_SETTINGS,
                DEFAULT_PINGS, DEFAULT_EMPTY_FRAMES, DEFAULT_WINDOW_UPDATES, DEFAULT_PRIORITIES);
    }
}
