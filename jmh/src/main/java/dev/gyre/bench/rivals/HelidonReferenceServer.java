package dev.gyre.bench.rivals;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * Helidon SE 4 (its own web server, a virtual thread per connection) serving the sample app's benchmark
 * contract ({@link Contract}) with Helidon's defaults, which its documentation presents as production-ready:
 * no tuning of sockets, buffers or validation. Usage: {@code HelidonReferenceServer [--port N]}.
 */
public final class HelidonReferenceServer {
    private HelidonReferenceServer() {
    }

    public static void main(String[] args) {
        RivalOptions options = RivalOptions.parse(args, "usage: HelidonReferenceServer [--port N]");
        WebServer server = WebServer.builder()
                .port(options.port())
                .routing(routing -> routing
                        .get("/plaintext", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, Contract.TEXT_PLAIN);
                            res.send(Contract.HELLO);
                        })
                        .get("/json", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, Contract.APPLICATION_JSON);
                            res.send(Contract.json());
                        })
                        .post("/echo", (req, res) -> {
                            byte[] body = req.content().as(byte[].class);
                            res.header(HeaderNames.CONTENT_TYPE, Contract.OCTET_STREAM);
                            res.send(body);
                        }))
                .build()
                .start();
        System.out.println("Helidon reference server listening on port " + server.port());
    }
}
