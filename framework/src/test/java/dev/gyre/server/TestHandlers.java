package dev.gyre.server;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Handlers the connection-level tests run against. */
public final class TestHandlers {

    @Get("/plain")
    @NonBlocking
    public String plain() {
        return "plain";
    }

    @Get("/thread")
    public String blockingThread(@Query(defaultValue = "0") long sleepMs) throws InterruptedException {
        Thread.sleep(sleepMs);
        return Thread.currentThread().getName();
    }

    @Get("/loop-thread")
    @NonBlocking
    public String loopThread() {
        return Thread.currentThread().getName();
    }

    @Get("/async")
    public CompletionStage<String> async(@Query(defaultValue = "0") long delayMs) {
        String thread = Thread.currentThread().getName();
        return CompletableFuture.supplyAsync(() -> thread,
                CompletableFuture.delayedExecutor(delayMs, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Get("/sleep/{ms}")
    public String sleep(@PathParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "slept " + ms;
    }

    @Post("/echo")
    @NonBlocking
    public Response echo(@Body byte[] body) {
        return Response.bytes(body, "application/octet-stream");
    }

    @Get("/boom")
    public String boom() {
        throw new IllegalStateException("expected by the test");
    }

    @Get("/big")
    @NonBlocking
    public byte[] big(@Query int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
