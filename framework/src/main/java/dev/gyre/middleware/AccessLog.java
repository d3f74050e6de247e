package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request on the SLF4J logger {@code dev.gyre.access}:
 * {@code GET /items/7 200 312B 1.42ms id=k3f9qz-1a}, i.e. method, target, status, body bytes, time
 * from the filter's entry to the response, and the {@link RequestId}.
 *
 * <p>The bytes are the body as this filter sees it: registered outside {@link Compression}, it logs
 * compressed sizes. Turn the logger off to drop the cost of formatting entirely.
 */
public final class AccessLog implements Filter {
    private static final Logger log = LoggerFactory.getLogger("dev.gyre.access");

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        if (!log.isInfoEnabled()) {
            return next.proceed();
        }
        long start = System.nanoTime();
        return next.proceed().thenApply(response -> {
            long micros = (System.nanoTime() - start) / 1_000;
            log.info("{} {} {} {}B {}.{}ms id={}", request.method(), request.target(), response.status(),
                    response.body().length, micros / 1000, String.format("%02d", (micros % 1000) / 10),
                    RequestId.of(request));
            return response;
        });
    }
}
