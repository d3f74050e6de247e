package dev.gyre.bench.route;

import dev.gyre.route.PathTemplate;
import dev.gyre.route.RouteMatch;
import dev.gyre.route.Router;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link Router} on a realistic table of {@value #ROUTE_COUNT_HINT}+ routes: the benchmark paths, a REST
 * API with nested parameters, an admin area and a static-file mount, as a mid-sized service has.
 *
 * <ul>
 *   <li>{@code literal}: {@code GET /plaintext}, an all-literal path (one hash lookup).</li>
 *   <li>{@code param}: {@code GET /api/v1/users/42/orders/7}, two parameters deep in the trie.</li>
 *   <li>{@code tail}: {@code GET /static/css/site.css}, the tail parameter of a file mount.</li>
 *   <li>{@code notFound}: a path no route has ({@code 404}).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    static final int ROUTE_COUNT_HINT = 50;

    private static final String[] LITERALS = {"/plaintext", "/json", "/echo", "/health", "/ready", "/metrics",
            "/version", "/login", "/logout", "/signup", "/api/v1/users", "/api/v1/orders", "/api/v1/products",
            "/api/v1/search", "/api/v1/carts", "/api/v1/categories", "/api/v1/reviews", "/admin",
            "/admin/users", "/admin/settings", "/admin/audit", "/openapi.json", "/docs"};
    private static final String[] PARAMETERISED = {"/api/v1/users/{id}", "/api/v1/users/{id}/orders",
            "/api/v1/users/{id}/orders/{orderId}", "/api/v1/users/{id}/addresses",
            "/api/v1/users/{id}/addresses/{addressId}", "/api/v1/users/{id}/avatar", "/api/v1/orders/{id}",
            "/api/v1/orders/{id}/items", "/api/v1/orders/{id}/items/{itemId}", "/api/v1/orders/{id}/invoice",
            "/api/v1/products/{id}", "/api/v1/products/{id}/reviews", "/api/v1/products/{id}/reviews/{reviewId}",
            "/api/v1/products/{id}/images/{imageId}", "/api/v1/categories/{slug}",
            "/api/v1/categories/{slug}/products", "/api/v1/carts/{id}", "/api/v1/carts/{id}/items/{itemId}",
            "/admin/users/{id}", "/admin/users/{id}/roles", "/threads/{name}", "/items/{id}",
            "/files/{bucket}/{key}", "/static/{path...}"};

    private Router<String> router;

    @Setup
    public void setUp() {
        router = new Router<>();
        int n = 0;
        for (String path : LITERALS) {
            n += add(path, "GET", "POST");
        }
        for (String path : PARAMETERISED) {
            n += add(path, "GET", path.endsWith("}") ? "PUT" : "POST");
        }
        router.add("DELETE", PathTemplate.parse("/api/v1/users/{id}"), "delete user", "delete user");
        router.freeze();
        if (n + 1 < ROUTE_COUNT_HINT || !"GET /api/v1/users/{id}/orders/{orderId}".equals(param().target())) {
            throw new IllegalStateException("the route table is not what the benchmark expects");
        }
    }

    private int add(String path, String... methods) {
        for (String method : methods) {
            router.add(method, PathTemplate.parse(path), method + " " + path, method + " " + path);
        }
        return methods.length;
    }

    @Benchmark
    public RouteMatch<String> literal() {
        return router.match("GET", "/plaintext");
    }

    @Benchmark
    public RouteMatch<String> param() {
        return router.match("GET", "/api/v1/users/42/orders/7");
    }

    @Benchmark
    public RouteMatch<String> tail() {
        return router.match("GET", "/static/css/site.css");
    }

    @Benchmark
    public RouteMatch<String> notFound() {
        return router.match("GET", "/api/v1/nothing/here");
    }
}
