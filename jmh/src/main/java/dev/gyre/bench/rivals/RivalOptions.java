package dev.gyre.bench.rivals;

import java.nio.file.Path;

/**
 * The command line of the rival reference servers: {@code --port N} (default 8081) and, for a server that
 * speaks TLS, {@code --tls-cert cert.pem --tls-key key.pem}; nothing else, so that each runs with its
 * project's own defaults; the load script sets the JVM's processor count for all servers alike.
 *
 * @param tlsCert the PEM certificate chain of a TLS port, or {@code null} for cleartext
 * @param tlsKey  its unencrypted PKCS#8 key, or {@code null}
 */
record RivalOptions(int port, Path tlsCert, Path tlsKey) {

    RivalOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be within 0..65535, was " + port);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    /** Parses the options; {@code --tls-*} only when {@code tls} says the server can use them. */
    static RivalOptions parse(String[] args, String usage, boolean tls) {
        int port = 8081;
        Path cert = null;
        Path key = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !tls && args[i].startsWith("--tls-")) {
                throw new IllegalArgumentException(usage);
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--tls-cert" -> cert = Path.of(args[i + 1]);
                case "--tls-key" -> key = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException(usage);
            }
        }
        return new RivalOptions(port, cert, key);
    }
}
