package dev.gyre.bench.rivals;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Helidon SE 4 (its own web server, a virtual thread per connection) serving the sample app's benchmark
 * contract ({@link Contract}) with Helidon's defaults, which its documentation presents as production-ready:
 * no tuning of sockets, buffers or validation. Usage:
 * {@code HelidonReferenceServer [--port N] [--tls-cert cert.pem --tls-key key.pem]}.
 *
 * <p>{@code helidon-webserver-http2} on the class path adds HTTP/2 to the same routes, as Helidon's users get
 * it: h2c by prior knowledge or {@code Upgrade} in cleartext, and {@code h2} by ALPN over TLS (with the JDK's
 * provider, Helidon's default).
 */
public final class HelidonReferenceServer {
    private HelidonReferenceServer() {
    }

    public static void main(String[] args) {
        RivalOptions options = RivalOptions.parse(args,
                "usage: HelidonReferenceServer [--port N] [--tls-cert cert.pem --tls-key key.pem]", true);
        WebServerConfig.Builder builder = WebServer.builder().port(options.port());
        if (options.tlsCert() != null) {
            Keys keys = Keys.builder().pem(pem -> pem.key(Resource.create(options.tlsKey()))
                    .certChain(Resource.create(options.tlsCert()))).build();
            builder.tls(tls -> tls.privateKey(keys).privateKeyCertChain(keys));
        }
        WebServer server = builder
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
