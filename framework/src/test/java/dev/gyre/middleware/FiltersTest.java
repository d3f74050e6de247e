package dev.gyre.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.support.LogCapture;
import dev.gyre.testing.GyreExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filter order, prefixes, short-circuits, and the shipped request-id and access-log filters. */
class FiltersTest {
    static final AtomicInteger adminCalls = new AtomicInteger();

    public static final class Api {
        @Get("/api/trace")
        public String trace(Request request) {
            return String.join(",", trail(request)) + " virtual=" + Thread.currentThread().isVirtual();
        }

        @Get("/apix/trace")
        @NonBlocking
        public String apix(Request request) {
            return String.join(",", trail(request));
        }

        @Get("/api/number/{n}")
        public String number(@PathParam int n) {
            return "n" + n;
        }

        @Get("/admin")
        public String admin() {
            adminCalls.incrementAndGet();
            return "secrets";
        }
    }

    static List<String> trail(Request request) {
        List<String> trail = request.attribute("trail");
        return trail == null ? List.of() : trail;
    }

    /** Records its name on the way in (request attribute) and on the way out (a response header). */
    static Filter tracer(String name) {
        return (request, next) -> {
            List<String> trail = request.attribute("trail");
            if (trail == null) {
                trail = new ArrayList<>();
                request.attribute("trail", trail);
            }
            trail.add(name);
            return next.proceed().thenApply(response -> response.header("X-Out", name + ":" + response.status()));
        };
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .filter(new RequestIdFilter())
            .filter(new AccessLog())
            .filter(tracer("a"))
            .filter(tracer("b"))
            .filter("/api", tracer("api"))
            .filter("/admin", Filter.before(request -> request.header("X-Key") == null
                    ? ErrorResponse.of(401, "key required") : null)));

    @Test
    void filtersRunInRegistrationOrderInsideOut() {
        HttpResponse<String> r = gyre.client().get("/api/trace");
        assertEquals("a,b,api virtual=true", r.body(), "blocking handlers still run on virtual threads");
        assertEquals(List.of("api:200", "b:200", "a:200"), r.headers().allValues("X-Out"));
    }

    @Test
    void prefixFiltersApplyToWholeSegmentsOnly() {
        HttpResponse<String> r = gyre.client().get("/apix/trace");
        assertEquals("a,b", r.body());
        assertEquals(List.of("b:200", "a:200"), r.headers().allValues("X-Out"));
    }

    @Test
    void filtersSeeErrorAnswersAndUnroutedPaths() {
        HttpResponse<String> bad = gyre.client().get("/api/number/x");
        assertEquals(422, bad.statusCode());
        assertEquals(List.of("api:422", "b:422", "a:422"), bad.headers().allValues("X-Out"));
        HttpResponse<String> missing = gyre.client().get("/api/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals(List.of("api:404", "b:404", "a:404"), missing.headers().allValues("X-Out"));
    }

    @Test
    void aBeforeFilterCanAnswerInsteadOfTheHandler() {
        int before = adminCalls.get();
        HttpResponse<String> refused = gyre.client().get("/admin");
        assertEquals(401, refused.statusCode());
        assertEquals(before, adminCalls.get(), "the handler did not run");
        assertEquals("secrets", gyre.client().send(gyre.client().request("/admin").header("X-Key", "k")).body());
    }

    @Test
    void requestIdsAreAdoptedOrMadeAndLogged() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> adopted = gyre.client().send(gyre.client().request("/api/number/7")
                    .header("X-Request-Id", "trace-42.a:b"));
            assertEquals("trace-42.a:b", adopted.headers().firstValue("X-Request-Id").orElseThrow());
            HttpResponse<String> replaced = gyre.client().send(gyre.client().request("/api/number/8")
                    .header("X-Request-Id", "not ok {}"));
            String fresh = replaced.headers().firstValue("X-Request-Id").orElseThrow();
            assertTrue(fresh.matches("[0-9a-z]+-[0-9a-z]+"), fresh);
            String log = logs.await(t -> t.contains("id=" + fresh), Duration.ofSeconds(5));
            assertTrue(log.matches("(?s).*GET /api/number/7 200 2B \\d+\\.\\d\\dms id=trace-42\\.a:b.*"), log);
            assertTrue(log.contains("GET /api/number/8 200 2B "), log);
        }
    }
}
