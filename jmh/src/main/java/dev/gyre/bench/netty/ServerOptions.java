package dev.gyre.bench.netty;

import java.util.Locale;

/**
 * Command-line options of {@link NettyReferenceServer}.
 *
 * <p>The defaults mirror the Gyre sample app's so that a comparison changes only the server: one
 * event-loop thread per available processor, and the loopback address (benchmarks here never leave
 * the machine).
 *
 * @param host    address to bind
 * @param port    port to bind; {@code 0} picks a free one (the ready line shows which)
 * @param transport NIO or native epoll
 * @param threads event-loop threads, which also serve the one accepting channel
 */
record ServerOptions(String host, int port, Transport transport, int threads) {

    static final String USAGE =
            "usage: NettyReferenceServer [--port N] [--transport nio|epoll] [--threads N] [--host ADDRESS]";

    ServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be within 0..65535, was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
    }

    /** Parses {@code --name value} pairs; anything unknown is an error rather than silently ignored. */
    static ServerOptions parse(String[] args) {
        String host = "127.0.0.1";
        int port = 8081;
        Transport transport = Transport.NIO;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--transport" -> transport = Transport.valueOf(value.toUpperCase(Locale.ROOT));
                case "--threads" -> threads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ServerOptions(host, port, transport, threads);
    }
}
