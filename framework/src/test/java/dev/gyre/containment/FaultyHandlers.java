package dev.gyre.containment;

import dev.gyre.connection.InputDiscardingProtocol;
import dev.gyre.connection.Wire;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import dev.gyre.sse.ServerSentEvents;
import dev.gyre.sse.SseStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Routes whose user code throws the armed {@link Fault} at one kind of callback each, all on the loop. */
public final class FaultyHandlers {

    /** What a provider makes; its provider throws. */
    public record Dependency() {
    }

    /** Thrown by {@code /mapped} for an exception handler that throws in turn. */
    public static final class Mapped extends RuntimeException {
        Mapped() {
            super("mapped");
        }
    }

    @Get("/ok")
    @NonBlocking
    public String ok() {
        return "ok";
    }

    @Get("/handler")
    @NonBlocking
    public String handler() {
        throw Fault.raise();
    }

    @Get("/filtered/x")
    @NonBlocking
    public String filtered() {
        return "not reached";
    }

    @Get("/provided")
    @NonBlocking
    public String provided(Dependency dependency) {
        return "not reached " + dependency;
    }

    @Get("/mapped")
    @NonBlocking
    public String mapped() {
        throw new Mapped();
    }

    @Get("/stage")
    public CompletionStage<String> stage() {
        return CompletableFuture.completedFuture("x").thenApply(v -> {
            throw Fault.raise();
        });
    }

    @Get("/sse/producer")
    @NonBlocking
    public Response sseProducer(Request request) {
        return sse(request, stream -> {
            throw Fault.raise();
        });
    }

    @Get("/sse/every")
    @NonBlocking
    public Response sseEvery(Request request) {
        return sse(request, stream -> stream.every(java.time.Duration.ofMillis(50), () -> {
            throw Fault.raise();
        }));
    }

    @Get("/sse/writable")
    @NonBlocking
    public Response sseWritable(Request request) {
        return sse(request, stream -> stream.onWritable(() -> {
            throw Fault.raise();
        }));
    }

    @Get("/sse/close")
    @NonBlocking
    public Response sseClose(Request request) {
        return sse(request, stream -> {
            stream.onClose(() -> {
                throw Fault.raise();
            });
            stream.close();
        });
    }

    /** A timer task throws; a later timer on the same wheel still fires and ends the stream. */
    @Get("/sse/timer")
    @NonBlocking
    public Response sseTimer(Request request) {
        return sse(request, stream -> {
            stream.loop().schedule(() -> {
                throw Fault.raise();
            }, Duration.ofMillis(50));
            stream.loop().schedule(stream::close, Duration.ofMillis(300));
        });
    }

    /** A task given to {@code loop.execute} throws; the task after it still runs and ends the stream. */
    @Get("/sse/execute")
    @NonBlocking
    public Response sseExecute(Request request) {
        return sse(request, stream -> {
            stream.loop().execute(() -> {
                throw Fault.raise();
            });
            stream.loop().execute(stream::close);
        });
    }

    @Get("/upgrade/start")
    @NonBlocking
    public Response upgradeStart() {
        return Response.of(101).header("Upgrade", "faulty").header("Connection", "Upgrade")
                .upgrade(context -> {
                    throw Fault.raise();
                });
    }

    /** The upgraded protocol's I/O handler throws out of {@code onReady}: the loop must close it. */
    @Get("/upgrade/ready")
    @NonBlocking
    public Response upgradeReady() {
        return Response.of(101).header("Upgrade", "faulty").header("Connection", "Upgrade")
                .upgrade(FaultyProtocol::new);
    }

    private static Response sse(Request request, Consumer<SseStream> producer) {
        return ServerSentEvents.stream(request, producer);
    }

    /** Throws at the first byte it is given: the connection must close it. */
    static final class FaultyProtocol extends InputDiscardingProtocol {

        FaultyProtocol(Upgrade.Context context) {
        }

        @Override
        public void start(Wire wire, ByteBuffer leftover) {
        }

        @Override
        public void onInput(ByteBuffer in) {
            throw Fault.raise();
        }
    }
}
