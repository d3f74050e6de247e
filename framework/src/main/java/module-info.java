/**
 * Gyre: an HTTP/1.1 and WebSocket server on its own {@code java.nio} loops, with annotated handlers.
 *
 * <p>The exported packages are what an application writes against; {@code docs/api.md} lists them and
 * {@code ExportedApiTest} pins every public type and member in them. Everything else (the loop, the
 * router, the HTTP/1.1 codec, HTTP/2, the content codings, the framework's own access to requests) is in
 * packages that are not exported, so that it can change without breaking anyone.
 *
 * <p>Every dependency but SLF4J is optional ({@code requires static}): a feature turns on when its library
 * is in the application's module graph (or on the class path) and is never touched otherwise.
 *
 * <p>Handlers are plain objects of the application's classes. The framework calls their methods through
 * method handles made once at start-up: a public method of a public class in an exported package needs
 * nothing more; anything else needs its package opened to this module ({@code opens com.example.api to
 * dev.gyre;}), as for any framework that calls code it did not compile against.
 */
module dev.gyre {
    requires transitive org.slf4j;

    requires static com.fasterxml.jackson.annotation;
    requires static com.fasterxml.jackson.core;
    requires static com.fasterxml.jackson.databind;
    requires static jakarta.validation;
    requires static com.aayushatharva.brotli4j;
    requires static com.github.luben.zstd_jni;
    requires static micrometer.core;
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
    requires static org.junit.jupiter.api;
    requires java.net.http;

    exports dev.gyre.connection;
    exports dev.gyre.files;
    exports dev.gyre.handler;
    exports dev.gyre.health;
    exports dev.gyre.http;
    exports dev.gyre.http2.config;
    exports dev.gyre.inject;
    exports dev.gyre.json;
    exports dev.gyre.metrics;
    exports dev.gyre.middleware;
    exports dev.gyre.multipart;
    exports dev.gyre.observe;
    exports dev.gyre.openapi;
    exports dev.gyre.proxy;
    exports dev.gyre.security;
    exports dev.gyre.server;
    exports dev.gyre.sse;
    exports dev.gyre.testing;
    exports dev.gyre.tracing;
    exports dev.gyre.transport;
    exports dev.gyre.ws;

    uses org.slf4j.spi.SLF4JServiceProvider;
}
