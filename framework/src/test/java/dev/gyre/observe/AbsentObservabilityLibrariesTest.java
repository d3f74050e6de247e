package dev.gyre.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gyre.server.Gyre;
import dev.gyre.support.IsolatedLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Starts a server with probes, trusted proxies and an access log in a class loader that sees Gyre and
 * slf4j-api only, as in an application without Micrometer or OpenTelemetry: it serves, and none of Gyre's
 * classes that use those libraries' types is loaded (the builder's entry points {@code GyreMetrics} and
 * {@code GyreTracing} may be, by the verifier, which needs none of the libraries' classes for that).
 */
class AbsentObservabilityLibrariesTest {

    @Test
    void aServerRunsWithoutMicrometerOrOpenTelemetry() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader(
                Gyre.class.getProtectionDomain().getCodeSource().getLocation(),
                LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.opentelemetry.api.OpenTelemetry"));
            Class<?> gyre = loader.loadClass(Gyre.class.getName());
            Object builder = gyre.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("port", int.class).invoke(builder, 0);
            builderType.getMethod("loops", int.class).invoke(builder, 1);
            builderType.getMethod("health").invoke(builder);
            Class<?> proxies = loader.loadClass("dev.gyre.proxy.TrustedProxies");
            builderType.getMethod("trustedProxies", proxies).invoke(builder,
                    proxies.getMethod("of", String[].class).invoke(null, (Object) new String[] {"127.0.0.1"}));
            Class<?> filter = loader.loadClass("dev.gyre.middleware.Filter");
            builderType.getMethod("filter", filter).invoke(builder,
                    loader.loadClass("dev.gyre.middleware.AccessLog").getConstructor().newInstance());
            Object server = builderType.getMethod("start").invoke(builder);
            try {
                String url = (String) server.getClass().getMethod("url").invoke(server);
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(url + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode());
                HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(url + "/nothing"))
                        .header("X-Forwarded-For", "203.0.113.7").timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, missing.statusCode());
            } finally {
                server.getClass().getMethod("stop", Duration.class).invoke(server, Duration.ofSeconds(1));
            }
            for (String user : new String[] {"dev.gyre.metrics.RequestMeters", "dev.gyre.metrics.LoopSampler",
                    "dev.gyre.tracing.ServerSpans", "dev.gyre.tracing.RequestHeaders"}) {
                assertFalse(loader.defined(user), user + " touches the library and must stay unloaded");
            }
            assertFalse(loader.defined("dev.gyre.observe.internal.ObservedExchange"), "no observer, no wrapper");
        }
    }
}
