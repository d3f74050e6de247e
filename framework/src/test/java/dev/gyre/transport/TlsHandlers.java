package dev.gyre.transport;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.sse.ServerSentEvents;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Routes the TLS tests call: what the connection negotiated, bodies of every kind, and streams. */
public final class TlsHandlers {
    final Path file;

    TlsHandlers() {
        try {
            file = Files.createTempFile("gyre-tls-file", ".bin");
            byte[] bytes = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(7).nextBytes(bytes);
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Get("/hello")
    @NonBlocking
    public String hello() {
        return "hello";
    }

    /** {@code scheme protocol alpn sni peer-subjects}, one line. */
    @Get("/tls")
    @NonBlocking
    public String tls(Request request) {
        return request.scheme() + " " + request.tls().map(t -> t.protocol() + " " + t.applicationProtocol() + " "
                + t.serverName() + " [" + t.peerCertificates().stream()
                        .map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.joining(",")) + "]")
                .orElse("cleartext");
    }

    @Post("/echo")
    @NonBlocking
    public Response echo(@Body byte[] body) {
        return Response.bytes(body, "application/octet-stream");
    }

    @Get("/file")
    public Response file() throws IOException {
        FileChannel ch = FileChannel.open(file);
        return Response.file(new Response.FileRegion(ch, 0, ch.size()), "application/octet-stream");
    }

    @Get("/events")
    @NonBlocking
    public Response events(Request request) {
        return ServerSentEvents.stream(request, events -> {
            for (int i = 0; i < 3; i++) {
                events.send("tick " + i);
            }
            events.close();
        });
    }
}
