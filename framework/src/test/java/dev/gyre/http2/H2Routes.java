package dev.gyre.http2;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/** The routes the HTTP/2 serving tests ask for: every kind of body both ways, on the loop and off it. */
public final class H2Routes {
    /** Bytes {@code /firehose} has handed to its stream so far. */
    final AtomicLong produced = new AtomicLong();
    volatile Path file;

    @Get("/hello")
    @NonBlocking
    public String hello() {
        return "hello over h2\n";
    }

    @Get("/version")
    public String version(dev.gyre.http.Request request) {
        return request.version().text() + " " + request.scheme() + " " + request.host();
    }

    @Post("/echo")
    @NonBlocking
    public Response echo(@Body byte[] body) {
        return Response.bytes(body, "application/octet-stream");
    }

    @Get("/big")
    @NonBlocking
    public byte[] big(@Query int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Get("/sleep/{ms}")
    public String sleep(@PathParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "slept " + ms;
    }

    /** Reads a streamed body on a virtual thread and answers its length and SHA-256. */
    @Post("/upload")
    public String upload(@Body InputStream body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = body.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        return total + " " + HexFormat.of().formatHex(sha.digest());
    }

    /** Counts a streamed body on the loop, one piece at a time. */
    @Post("/upload-async")
    public CompletionStage<String> uploadAsync(@Body Flow.Publisher<ByteBuffer> body) {
        CompletableFuture<String> result = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private long total;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer piece) {
                total += piece.remaining();
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(Long.toString(total));
            }
        });
        return result;
    }

    /** Server-sent events from the loop. */
    @Get("/ticks")
    @NonBlocking
    public Response ticks(@Query(defaultValue = "3") int count) {
        return Response.stream("text/event-stream", stream -> {
            for (int i = 0; i < count; i++) {
                stream.write("data: tick " + i + "\n\n");
            }
            stream.close();
        });
    }

    /** {@code bytes} written by a blocking producer as fast as the stream lets it. */
    @Get("/firehose")
    public Response firehose(@Query long bytes) {
        produced.set(0);
        return Response.streamBlocking("application/octet-stream", out -> {
            byte[] block = new byte[16 * 1024];
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block);
                produced.addAndGet(block.length);
            }
        });
    }

    @Get("/file")
    public Response file() throws IOException {
        FileChannel ch = FileChannel.open(file);
        return Response.file(new Response.FileRegion(ch, 0, ch.size()), "application/octet-stream");
    }

    @Get("/page")
    @NonBlocking
    public Response page() {
        return Response.bytes("<!doctype html><title>h2</title><p>over h2".getBytes(), "text/html");
    }
}
