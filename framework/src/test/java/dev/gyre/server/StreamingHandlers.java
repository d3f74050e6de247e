package dev.gyre.server;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Handlers for the streaming, file and upgrade tests. */
public final class StreamingHandlers {
    public final AtomicLong produced = new AtomicLong();
    /** {@code /upload-failing}'s progress: "reading" after its first byte, then why it could not read on. */
    final java.util.concurrent.BlockingQueue<String> uploadFailures = new java.util.concurrent.LinkedBlockingQueue<>();
    public volatile Path file;

    @Post("/upload")
    public String upload(@Body InputStream body, @Query(defaultValue = "0") long pauseMs) throws Exception {
        if (pauseMs > 0) {
            Thread.sleep(pauseMs);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = body.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        return total + " " + HexFormat.of().formatHex(sha.digest());
    }

    /** Reads the body and records why it could not. */
    @Post("/upload-failing")
    public String uploadFailing(@Body InputStream body) {
        try {
            body.read();
            uploadFailures.add("reading");
            body.readAllBytes();
            uploadFailures.add("no failure");
        } catch (IOException e) {
            uploadFailures.add(e.getMessage());
        }
        return "done";
    }

    /** Counts and hashes the body as the loop delivers it, asking for one piece at a time. */
    @Post("/upload-async")
    public java.util.concurrent.CompletionStage<String> uploadAsync(@Body java.util.concurrent.Flow.Publisher<ByteBuffer> body,
                                                                   @Query(defaultValue = "0") long pieceDelayMs) {
        java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        body.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            private java.util.concurrent.Flow.Subscription subscription;
            private final MessageDigest sha = sha256();
            private long total;

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer piece) {
                total += piece.remaining();
                sha.update(piece);
                if (pieceDelayMs > 0) {
                    java.util.concurrent.CompletableFuture.delayedExecutor(pieceDelayMs,
                            java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> subscription.request(1));
                } else {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(total + " " + HexFormat.of().formatHex(sha.digest()));
            }
        });
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Get("/chunks")
    public Response chunks(@Query(defaultValue = "5") int count) {
        return Response.streamBlocking("text/plain", out -> {
            for (int i = 0; i < count; i++) {
                out.write(("part " + i + "\n").getBytes());
            }
        });
    }

    @Get("/firehose")
    public Response firehose(@Query long bytes) {
        produced.set(0);
        return Response.streamBlocking("application/octet-stream", out -> {
            byte[] block = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block);
                produced.addAndGet(block.length);
            }
        });
    }

    @Get("/ticks")
    @NonBlocking
    public Response ticks(@Query(defaultValue = "3") int count) {
        return Response.stream("text/plain", stream -> {
            for (int i = 0; i < count; i++) {
                stream.write("tick " + i + "\n");
            }
            stream.close();
        });
    }

    @Get("/file")
    public Response file() throws IOException {
        FileChannel ch = FileChannel.open(file);
        return Response.file(new Response.FileRegion(ch, 0, ch.size()), "application/octet-stream");
    }

    @Get("/file-part")
    public Response filePart(@Query long from, @Query long count) throws IOException {
        return Response.file(new Response.FileRegion(FileChannel.open(file), from, count), "application/octet-stream");
    }

    /** Switches to a trivial protocol that echoes every byte, to prove the hand-over. */
    @Get("/upgrade")
    @NonBlocking
    public Response upgrade() {
        return Response.of(101).header("Upgrade", "echo").header("Connection", "Upgrade")
                .upgrade(EchoProtocol::new);
    }

    static final class EchoProtocol implements Upgrade.Upgraded {
        private final Upgrade.Context ctx;

        EchoProtocol(Upgrade.Context ctx) {
            this.ctx = ctx;
            if (ctx.leftover().hasRemaining()) {
                echo(ctx.leftover());
            }
        }

        @Override
        public void onReady(SelectionKey key, int readyOps) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            try {
                int n = ctx.transport().read(buf);
                if (n < 0) {
                    onLoopClosing();
                    return;
                }
                echo(buf.flip());
            } catch (IOException e) {
                onLoopClosing();
            }
        }

        private void echo(ByteBuffer buf) {
            try {
                while (buf.hasRemaining()) {
                    ctx.transport().write(buf);
                }
            } catch (IOException e) {
                onLoopClosing();
            }
        }

        @Override
        public void drain() {
            onLoopClosing();
        }

        @Override
        public void onLoopClosing() {
            ctx.transport().close();
            ctx.closed();
        }
    }

}
