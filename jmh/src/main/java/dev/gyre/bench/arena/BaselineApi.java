package dev.gyre.bench.arena;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;

/**
 * HttpArena's {@code baseline}, {@code limited-conn} and {@code pipelined} profiles: the sum of two query
 * parameters (and of the body's number, sent with a length or chunked), and a fixed {@code ok}; and the same
 * sum as {@code /baseline2} for the HTTP/2 profiles ({@code baseline-h2}, {@code baseline-h2c}). They only
 * compute, so they run on the event loop; a parameter that is not a number is the framework's {@code 422}.
 */
public final class BaselineApi {

    @Get("/baseline11")
    @NonBlocking
    public String sum(@Query int a, @Query int b) {
        return Long.toString((long) a + b);
    }

    @Get("/baseline2")
    @NonBlocking
    public String sumOverHttp2(@Query int a, @Query int b) {
        return sum(a, b);
    }

    @Post("/baseline11")
    @NonBlocking
    public String sumWithBody(@Query int a, @Query int b, @Body String body) {
        return Long.toString((long) a + b + Long.parseLong(body.strip()));
    }

    @Get("/pipeline")
    @NonBlocking
    public String pipeline() {
        return "ok";
    }
}
