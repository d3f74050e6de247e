package dev.gyre.server;

import dev.gyre.handler.internal.HandlerCompiler;
import dev.gyre.json.JsonCodec;
import dev.gyre.json.internal.JsonCodecs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The two costly library start-ups, kept off the path from {@code start()} to the first answer: Jackson's
 * {@code ObjectMapper} and Bean Validation's {@code ValidatorFactory} cost about 250 and 350 ms of CPU each
 * (docs/benchmarks.md, "Start-up"), more than everything else a server does before it listens.
 *
 * <ul>
 *   <li>The JSON codec is made on its own daemon thread from the moment {@code start()} begins, beside the
 *       compiling of handlers; the compile waits for it at the first route that reads or writes JSON, and
 *       {@code start()} waits for it before it binds even when no route does, so that no start-up work is
 *       still loading classes once clients arrive (a server short of file descriptors would see it take
 *       them). A failure to make it surfaces there, on the thread that called {@code start()}.</li>
 *   <li>The validator is not needed to start (a route's constraints are read before its first check), so it
 *       is built on a daemon thread once the server listens, if some route has parameters, and that thread
 *       then reads every such route's constraints; a request that needs them sooner waits for its route's.</li>
 * </ul>
 */
final class StartupTasks {
    private StartupTasks() {
    }

    /** The codec given to the builder, or the detected one, which is being made on a background thread. */
    static Supplier<JsonCodec> jsonCodec(JsonCodec given) {
        if (given != null) {
            return () -> given;
        }
        CompletableFuture<JsonCodec> codec = CompletableFuture.supplyAsync(JsonCodecs::detect,
                task -> Thread.ofPlatform().daemon().name("gyre-start-json").start(task));
        return () -> {
            try {
                return codec.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        };
    }

    /** Begins building the validator, if a route of {@code compiler}'s may need it; once the server listens. */
    static void prepareValidation(HandlerCompiler compiler) {
        Thread.ofPlatform().daemon().name("gyre-start-validation").start(compiler::prepareValidation);
    }
}
