package dev.gyre.server;

import dev.gyre.http.HttpLimits;

/**
 * Everything the connection layer needs to know, fixed when the server starts.
 *
 * @param host                 the address to bind; {@code 0.0.0.0} for every interface
 * @param port                 the port; 0 picks a free one
 * @param loops                how many event loops (threads with a selector)
 * @param backlog              the accept queue length asked of the kernel
 * @param limits               request size limits
 * @param timeouts             connection deadlines
 * @param writeHighWatermark   unsent response bytes above which a connection stops taking new
 *                             pipelined requests until the client has read them
 */
public record ServerConfig(String host, int port, int loops, int backlog, HttpLimits limits, Timeouts timeouts,
                           int writeHighWatermark) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_BACKLOG = 1024;
    public static final int DEFAULT_WRITE_HIGH_WATERMARK = 64 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1: " + loops);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, Runtime.getRuntime().availableProcessors(),
                DEFAULT_BACKLOG, HttpLimits.defaults(), Timeouts.defaults(), DEFAULT_WRITE_HIGH_WATERMARK);
    }
}
