package dev.gyre.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The one line a server logs when it has started, so that a user sees where it listens and what it
 * serves without writing any logging of their own:
 *
 * <pre>Gyre serving http://127.0.0.1:8080: 2 loops, 31 routes, blocking handlers on a virtual thread each; up 0.41 s after the JVM started</pre>
 *
 * <p>It is logged at INFO on {@code dev.gyre.server.GyreServer}. When no SLF4J provider is on the class path,
 * SLF4J discards everything, including the ERROR lines behind a {@code 500}; then the line goes to
 * {@code System.err} instead, and the first time in the JVM it is followed by one line naming the
 * dependency to add. A provider chosen on purpose to discard ({@code slf4j-nop}) is respected: nothing goes
 * to {@code System.err}.
 *
 * <p>The time is measured from the process's start as the OS reports it ({@link ProcessHandle}), to
 * 10 ms; where the OS does not report it, that part is left out.
 */
final class StartupLog {
    static final String PROVIDER_HINT = "Gyre: no SLF4J provider is on the class path, so Gyre's log (errors "
            + "behind a 500 included) is discarded; add one, e.g. org.slf4j:slf4j-simple:"
            + "2.0.17 or ch.qos.logback:logback-classic";
    private static final AtomicBoolean HINTED = new AtomicBoolean();

    private StartupLog() {
    }

    /** Logs the start-up line of {@code server}; called once by the builder, on the thread that started it. */
    static void started(GyreServer server, int loops, String blocking) {
        String line = line(server.url(), loops, server.routes().size(), blocking, sinceProcessStart());
        if (noProvider()) {
            System.err.println(line);
            if (HINTED.compareAndSet(false, true)) {
                System.err.println(PROVIDER_HINT);
            }
        } else {
            LoggerFactory.getLogger(GyreServer.class).info(line);
        }
    }

    static String line(String url, int loops, int routes, String blocking, Duration up) {
        String line = "Gyre serving " + url + ": " + loops + (loops == 1 ? " loop, " : " loops, ") + routes
                + (routes == 1 ? " route" : " routes") + ", blocking handlers on " + blocking;
        if (up == null) {
            return line;
        }
        long centis = up.toMillis() / 10;
        return line + "; up " + centis / 100 + "." + centis / 10 % 10 + centis % 10 + " s after the JVM started";
    }

    /** True when SLF4J fell back to discarding because no provider was found (not when slf4j-nop is chosen). */
    private static boolean noProvider() {
        return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory
                && ServiceLoader.load(SLF4JServiceProvider.class).findFirst().isEmpty();
    }

    private static Duration sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()))
                .orElse(null);
    }
}
