package dev.gyre.bench.rivals;

/**
 * The command line of the rival reference servers: {@code --port N} (default 8081) and nothing else, so that
 * each runs with its project's own defaults; the load script sets the JVM's processor count for all servers
 * alike.
 */
record RivalOptions(int port) {

    RivalOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be within 0..65535, was " + port);
        }
    }

    static RivalOptions parse(String[] args, String usage) {
        int port = 8081;
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].equals("--port") || i + 1 >= args.length) {
                throw new IllegalArgumentException(usage);
            }
            port = Integer.parseInt(args[i + 1]);
        }
        return new RivalOptions(port);
    }
}
