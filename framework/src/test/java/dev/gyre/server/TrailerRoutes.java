package dev.gyre.server;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Routes that read request trailers and send response trailers, for the HTTP/1.1 and HTTP/2 trailer tests: each
 * request route answers with its body and then one {@code name=value} line per trailer field it saw.
 */
public final class TrailerRoutes {
    /** The file {@code /trailers/file} sends: {@value #FILE_TEXT}. */
    static final String FILE_TEXT = "file body\n";
    private final Path file;

    public TrailerRoutes() {
        try {
            file = Files.createTempFile("gyre-trailers", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, FILE_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole body: its trailers are there from the start. */
    @Post("/trailers/echo")
    public String echo(Request request) {
        return request.bodyAsString() + "\n" + lines(request.trailers());
    }

    /** A streamed body: trailers are refused before the end and there after it. */
    @Post("/trailers/stream-echo")
    public String streamEcho(@Body InputStream body, Request request) throws IOException {
        String before;
        try {
            before = "early " + request.trailers();
        } catch (IllegalStateException expected) {
            before = "not yet";
        }
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        return before + "\n" + text + "\n" + lines(request.trailers());
    }

    /** A body a loop subscriber reads: the trailers are there when it completes. */
    @Post("/trailers/publisher-echo")
    public CompletionStage<String> publisherEcho(@Body Flow.Publisher<ByteBuffer> body, Request request) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer piece) {
                text.append(StandardCharsets.UTF_8.decode(piece));
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                answer.complete(text + "\n" + lines(request.trailers()));
            }
        });
        return answer;
    }

    /** A whole body with two trailers and one whose supplier gives null (left out). */
    @Get("/trailers/fixed")
    @NonBlocking
    public Response fixed() {
        return Response.text("fixed body\n").trailer("x-checksum", () -> crc("fixed body\n"))
                .trailer("x-absent", () -> null).trailer("grpc-status", () -> "0");
    }

    /** An empty body with a trailer: the last chunk carries it at once. */
    @Get("/trailers/empty")
    @NonBlocking
    public Response empty() {
        return Response.of(200).trailer("x-empty", () -> "yes");
    }

    /** No content (204) can carry no trailer section: the trailer is dropped, its supplier never asked. */
    @Get("/trailers/no-content")
    @NonBlocking
    public Response noContent() {
        return Response.of(204).trailer("x-never", () -> {
            throw new IllegalStateException("a dropped trailer is never asked for");
        });
    }

    /** A loop-streamed body of {@code count} pieces whose trailers, counted as it went, are known only at its end. */
    @Get("/trailers/stream")
    @NonBlocking
    public Response stream(@Query(defaultValue = "3") int count, @Query(defaultValue = "5") int size) {
        CRC32 crc = new CRC32();
        AtomicLong bytes = new AtomicLong();
        return Response.stream("text/plain", s -> {
            for (int i = 0; i < count; i++) {
                byte[] piece = ("" + (char) ('a' + i % 26)).repeat(size).getBytes(StandardCharsets.US_ASCII);
                crc.update(piece);
                bytes.addAndGet(piece.length);
                s.write(piece);
            }
            s.close();
        }).trailer("x-bytes", () -> Long.toString(bytes.get()))
                .trailer("x-crc32", () -> Long.toHexString(crc.getValue()));
    }

    /** A body written on a blocking thread; the trailer counts its writes. */
    @Get("/trailers/blocking")
    public Response blocking() {
        AtomicInteger writes = new AtomicInteger();
        return Response.streamBlocking("text/plain", out -> {
            for (int i = 0; i < 4; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                writes.incrementAndGet();
            }
        }).trailer("x-writes", () -> Integer.toString(writes.get()));
    }

    /** A file region with a trailer: chunked around the file on HTTP/1.1. */
    @Get("/trailers/file")
    public Response file() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return Response.file(new Response.FileRegion(channel, 0, channel.size()), "text/plain")
                .trailer("x-checksum", () -> crc(FILE_TEXT));
    }

    /** A whole body whose trailer supplier throws: the answer becomes a 500 before anything is sent. */
    @Get("/trailers/failing-fixed")
    @NonBlocking
    public Response failingFixed() {
        return Response.text("never sent\n").trailer("x-broken", () -> {
            throw new IllegalStateException("the checksum service is down");
        });
    }

    /**
     * A stream whose trailer fails once the body is out, its supplier throwing or, with {@code badValue}, giving a
     * value {@code Headers} refuses (CR LF): either way the response is cut short.
     */
    @Get("/trailers/failing-stream")
    @NonBlocking
    public Response failingStream(@Query(defaultValue = "false") boolean badValue) {
        return Response.stream("text/plain", s -> {
            s.write("partial\n");
            s.close();
        }).trailer(badValue ? "x-split" : "x-broken", () -> {
            if (badValue) {
                return "a\r\nInjected: yes";
            }
            throw new IllegalStateException("the checksum service is down");
        });
    }

    static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static String lines(Headers trailers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < trailers.size(); i++) {
            sb.append(trailers.name(i)).append('=').append(trailers.value(i)).append('\n');
        }
        return sb.toString();
    }
}
