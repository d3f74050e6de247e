package dev.gyre.sample;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;

/**
 * {@code GET /client}: who the server believes the client is, after the PROXY protocol and the trusted
 * proxies' forwarding headers, which is what the access log and the meters use. A quick check of a
 * deployment: behind a proxy that is set up right, it names the browser's address, not the proxy's.
 */
public final class ClientApi {

    /** The body: the client's address and port (0 when a forwarding header gave no port), scheme, host. */
    public record Client(String address, int port, String scheme, String host) {
    }

    @Get("/client")
    @NonBlocking
    public Client client(Request request) {
        return new Client(request.clientAddress().getAddress().getHostAddress(), request.clientAddress().getPort(),
                request.scheme(), request.host());
    }
}
