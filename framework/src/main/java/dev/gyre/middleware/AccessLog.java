package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request on the SLF4J logger {@code dev.gyre.access}, in one of the
 * {@link AccessLogFormat}s: {@code new AccessLog()} writes {@link AccessLogFormat#SHORT}
 * ({@code GET /items/7 200 312B 1.42ms id=k3f9qz-1a}), {@code AccessLog.of(COMBINED)} Apache's combined
 * format, {@code AccessLog.of(JSON)} an object per line. The client address is the one trusted proxies
 * gave ({@link Request#clientAddress()}), the time runs from the filter's entry to the response, and the
 * id is the {@link RequestId}.
 *
 * <p>The filter only copies the line's fields on the thread that answered; formatting and writing happen
 * on the {@link AccessLogWriter}'s thread, off the loop. The bytes are the body as this filter sees it:
 * registered outside {@link Compression}, it logs compressed sizes. Turn the logger off to drop the cost
 * entirely.
 */
public final class AccessLog implements Filter {
    private static final Logger log = LoggerFactory.getLogger("dev.gyre.access");

    private final AccessLogWriter writer;

    public AccessLog() {
        this(AccessLogFormat.SHORT);
    }

    private AccessLog(AccessLogFormat format) {
        this.writer = new AccessLogWriter(log, format);
    }

    public static AccessLog of(AccessLogFormat format) {
        return new AccessLog(Objects.requireNonNull(format, "format"));
    }

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        if (!log.isInfoEnabled()) {
            return next.proceed();
        }
        long start = System.nanoTime();
        return next.proceed().thenApply(response -> {
            writer.offer(AccessLogEntry.of(request, response, (System.nanoTime() - start) / 1_000));
            return response;
        });
    }
}
