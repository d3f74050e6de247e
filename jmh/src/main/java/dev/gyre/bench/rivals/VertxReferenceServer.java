package dev.gyre.bench.rivals;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Vert.x 5 (on Netty) serving the sample app's benchmark contract ({@link Contract}) as its documentation
 * recommends for production: the native transport (epoll) when it loads, and one verticle instance per
 * event loop (twice the processors, Vert.x's default loop count), each with its own {@code HttpServer} on
 * the shared port; otherwise Vert.x's defaults. Usage: {@code VertxReferenceServer [--port N]}.
 */
public final class VertxReferenceServer extends AbstractVerticle {
    private static final Buffer HELLO = Buffer.buffer(Contract.HELLO);

    private final int port;

    private VertxReferenceServer(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        RivalOptions options = RivalOptions.parse(args, "usage: VertxReferenceServer [--port N]", false);
        VertxOptions vertxOptions = new VertxOptions().setPreferNativeTransport(true);
        Vertx vertx = Vertx.vertx(vertxOptions);
        int instances = vertxOptions.getEventLoopPoolSize();
        vertx.deployVerticle(() -> new VertxReferenceServer(options.port()), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("Vert.x reference server listening on port " + options.port()
                        + " (" + instances + " verticles, native transport " + vertx.isNativeTransportEnabled() + ")"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(port)
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/plaintext")) {
            request.response().putHeader("Content-Type", Contract.TEXT_PLAIN).end(HELLO);
        } else if (request.method() == HttpMethod.GET && path.equals("/json")) {
            request.response().putHeader("Content-Type", Contract.APPLICATION_JSON).end(Buffer.buffer(Contract.json()));
        } else if (request.method() == HttpMethod.POST && path.equals("/echo")) {
            request.body().onSuccess(body ->
                    request.response().putHeader("Content-Type", Contract.OCTET_STREAM).end(body));
        } else {
            request.response().setStatusCode(404).end();
        }
    }
}
