package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.gyre.sample.deploy.PostgresCluster;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The items API over both databases the sample app supports: the embedded H2 (PostgreSQL mode) and a
 * real PostgreSQL cluster from the system's packages, started for the test (skipped outside CI when
 * PostgreSQL is missing, failed in CI). The same requests, the same answers.
 */
class ItemsOnDatabasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void itemsApiOnEmbeddedH2() throws Exception {
        GyreServer server = SampleApp.start(SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1"}, null));
        try {
            itemsApiAnswers(server.url());
        } finally {
            server.stop();
        }
    }

    @Test
    void itemsApiOnPostgres() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            String[] args = {"--port", "0", "--loops", "1", "--database-url", pg.jdbcUrl(),
                    "--database-user", PostgresCluster.USER, "--database-password", PostgresCluster.PASSWORD};
            GyreServer first = SampleApp.start(SampleApp.Options.parse(args, null));
            long kept;
            try {
                itemsApiAnswers(first.url());
                kept = id(post(first.url(), "{\"name\":\"kept\",\"price\":3.25}"));
            } finally {
                first.stop();
            }
            GyreServer second = SampleApp.start(SampleApp.Options.parse(args, null));
            try {
                HttpResponse<String> again = get(second.url() + "/items/" + kept);
                assertEquals(200, again.statusCode(), "the item outlived the server: it is in the database");
                assertEquals(new BigDecimal("3.25"), JSON.readTree(again.body()).get("price").decimalValue());
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        PostgresCluster pg = PostgresCluster.start();
        GyreServer server;
        try {
            server = SampleApp.start(SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1",
                    "--database-url", pg.jdbcUrl(), "--database-user", PostgresCluster.USER,
                    "--database-password", PostgresCluster.PASSWORD}, null));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        try {
            HttpResponse<String> up = get(server.url() + "/health/ready");
            assertEquals(200, up.statusCode(), up.body());
            assertTrue(up.body().contains("database"), up.body());
            pg.close();
            HttpResponse<String> down = get(server.url() + "/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("database"), down.body());
            assertEquals(200, get(server.url() + "/health/live").statusCode(), "a lost database is not a dead server");
        } finally {
            server.stop();
            pg.close();
        }
    }

    @Test
    void credentialsInTheUrlWorkAndAWrongPasswordFailsStartUp() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            GyreServer server = SampleApp.start(SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1",
                    "--database-url", pg.jdbcUrl() + "?user=" + PostgresCluster.USER + "&password=" + PostgresCluster.PASSWORD},
                    null));
            try {
                assertEquals(201, post(server.url(), "{\"name\":\"pen\",\"price\":1}").statusCode());
            } finally {
                server.stop();
            }
            SampleApp.Options wrong = SampleApp.Options.parse(new String[] {"--port", "0", "--database-url", pg.jdbcUrl(),
                    "--database-user", PostgresCluster.USER, "--database-password", "not-it"}, null);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> SampleApp.start(wrong));
            assertTrue(String.valueOf(refused.getMessage()).contains("password"), refused.toString());
        }
    }

    @Test
    void thePoolIsAnAppWideValueClosedAtStop() throws Exception {
        HikariDataSource pool = Database.embedded().open();
        GyreServer server = SampleApp.configure(Gyre.builder().port(0).loops(1), SampleApp.Options.defaults(), pool).start();
        assertEquals(201, post(server.url(), "{\"name\":\"pen\",\"price\":1}").statusCode());
        assertTrue(pool.isRunning());
        server.stop();
        assertTrue(pool.isClosed(), "stop() closed the pool");
    }

    @Test
    void thePoolSizeLimitsConcurrentDatabaseCallsOnVirtualThreads() throws Exception {
        GyreServer server = SampleApp.start(SampleApp.Options.parse(
                new String[] {"--port", "0", "--loops", "1", "--database-pool", "2"}, null));
        try {
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/threads/database?sleepMs=500"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(JSON.readTree(r.body()).get("virtual").asBoolean(), r.body());
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 1400, "six 500 ms calls through two connections take three rounds, not one: " + ms + " ms");
        } finally {
            server.stop();
        }
    }

    @Test
    void badDatabaseOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--database-url", "postgresql://x/y"}, null));
        assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--database-pool", "0"}, null));
    }

    /** Create, read, page, delete, 404: decimals and creation times come back as they went in. */
    private void itemsApiAnswers(String url) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<JsonNode> created = new ArrayList<>();
        for (String price : List.of("2.50", "19.99", "1000", "0.001")) {
            HttpResponse<String> answer = post(url, "{\"name\":\"item " + price + "\",\"price\":" + price + "}");
            assertEquals(201, answer.statusCode(), answer.body());
            ids.add(id(answer));
            created.add(JSON.readTree(answer.body()));
        }
        JsonNode second = JSON.readTree(get(url + "/items/" + ids.get(1)).body());
        assertEquals("item 19.99", second.get("name").asText());
        assertEquals(0, new BigDecimal("19.99").compareTo(second.get("price").decimalValue()));
        assertEquals(created.get(1).get("createdAt"), second.get("createdAt"), "the stored time is the answered one");
        JsonNode page = JSON.readTree(get(url + "/items?limit=2&offset=1").body());
        assertEquals(2, page.size());
        assertEquals(ids.get(1), page.get(0).get("id").asLong());
        assertEquals(ids.get(2), page.get(1).get("id").asLong());
        assertEquals(204, send(HttpRequest.newBuilder(URI.create(url + "/items/" + ids.get(0))).DELETE()).statusCode());
        assertEquals(404, get(url + "/items/" + ids.get(0)).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(url + "/items/" + ids.get(0))).DELETE()).statusCode());
        assertEquals(3, JSON.readTree(get(url + "/items").body()).size());
    }

    private static long id(HttpResponse<String> created) throws Exception {
        return JSON.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + "/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
