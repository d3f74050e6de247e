package dev.gyre.bench.netty;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line options of {@link NettyReferenceServer}.
 *
 * <p>The defaults mirror the Gyre sample app's so that a comparison changes only the server: one
 * event-loop thread per available processor, and the loopback address (benchmarks here never leave
 * the machine). Without {@code --tls-cert}/{@code --tls-key} the port speaks cleartext.
 *
 * @param host      address to bind
 * @param port      port to bind; {@code 0} picks a free one (the ready line shows which)
 * @param transport NIO or native epoll
 * @param threads   event-loop threads, which also serve the one accepting channel
 * @param tls       the certificate and provider of a TLS port, or {@code null} for cleartext
 * @param http2     whether HTTP/2 is served too: h2c by prior knowledge in cleartext, {@code h2} by ALPN
 *                  over TLS; HTTP/1.1 is served either way
 */
record ServerOptions(String host, int port, Transport transport, int threads, TlsOptions tls, boolean http2) {

    static final String USAGE = "usage: NettyReferenceServer [--port N] [--transport nio|epoll] [--threads N]"
            + " [--host ADDRESS] [--tls-cert cert.pem --tls-key key.pem [--tls-provider jdk|conscrypt]]"
            + " [--http2 true|false]";

    /**
     * A TLS port's certificate chain and unencrypted PKCS#8 key (PEM), and the JSSE provider of its engines.
     */
    record TlsOptions(Path certificate, Path key, TlsProvider provider) {
    }

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
        Path certificate = null;
        Path key = null;
        TlsProvider provider = TlsProvider.JDK;
        boolean http2 = false;
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
                case "--tls-cert" -> certificate = Path.of(value);
                case "--tls-key" -> key = Path.of(value);
                case "--tls-provider" -> provider = TlsProvider.valueOf(value.toUpperCase(Locale.ROOT));
                case "--http2" -> http2 = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        TlsOptions tls = certificate == null ? null : new TlsOptions(certificate, key, provider);
        return new ServerOptions(host, port, transport, threads, tls, http2);
    }
}
