package dev.gyre.bench.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.files.StaticFiles;
import dev.gyre.handler.BlockingLimits;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.json.JacksonJsonCodec;
import dev.gyre.middleware.Compression;
import dev.gyre.middleware.Filter;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.transport.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gyre's HttpArena entry: every HTTP/1.1 profile it subscribes to ({@code jmh/httparena/meta.json}) on one
 * port, written the way an application would use the framework: handlers bound by annotation, the
 * {@code Compression} filter on {@code /json} (br, zstd, gzip by the client's weights), the files of
 * {@code STATIC_DIR} with their precompressed siblings under {@code /static}, PostgreSQL through a pool.
 * With HttpArena's certificate mounted, the same routes are served over HTTPS on {@code TLS_PORT}
 * ({@code json-tls}: its clients offer only HTTP/1.1 by ALPN) and on {@code H2_PORT} ({@code baseline-h2},
 * {@code static-h2}: h2 by ALPN), the JDK's TLS on both. The HTTP/2 cleartext profiles ({@code baseline-h2c},
 * {@code json-h2c}) get a second server on {@code H2C_PORT} with the same handlers, h2c by prior knowledge
 * only: Gyre's cleartext listeners serve HTTP/1.1 and h2c side by side, and HttpArena wants this port to
 * refuse HTTP/1.1. Started by {@code jmh/httparena/run.sh}; settings from the environment
 * ({@link ArenaSettings}).
 */
public final class ArenaServer {
    private static final Logger log = LoggerFactory.getLogger(ArenaServer.class);
    /** {@code upload} sends up to 20 MiB; the framework's default limit is 10 MiB. */
    static final long MAX_BODY_SIZE = 32L * 1024 * 1024;
    /**
     * Blocking handlers that may wait for one of the {@link BlockingLimits#DEFAULT_MAX_CONCURRENT} running
     * slots: one per connection of HttpArena's largest count (16,384). Its {@code crud} profile keeps a request
     * in flight on each of 4,096 connections, all on virtual threads (JDBC, files), and the default queue of
     * 1,024 turned most of them into {@code 503}s; the database pool, not this queue, is what bounds the work.
     */
    static final int MAX_BLOCKING_WAITING = 16_384;

    private ArenaServer() {
    }

    public static void main(String[] args) throws IOException {
        List<GyreServer> servers = start(ArenaSettings.from(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> servers.forEach(server -> server.stop(Duration.ofSeconds(5))), "arena-stop"));
    }

    /** Starts the entry: the main server, then the h2c-only one; returns both, the main one first. */
    static List<GyreServer> start(ArenaSettings settings) throws IOException {
        JacksonJsonCodec json = new JacksonJsonCodec();
        ObjectMapper mapper = json.mapper();
        DataSource pool = settings.databaseUrl() == null ? null
                : Database.pool(settings.databaseUrl(), settings.maxDatabaseConnections());
        Object[] handlers = {new BaselineApi(), JsonApi.load(settings.dataset(), mapper), new UploadApi(),
                new AsyncDbApi(pool), new CrudApi(pool, json), new EchoSocket()};
        Gyre.Builder builder = routes(Gyre.builder().port(settings.port()), json, handlers, settings);
        boolean tls = Files.isReadable(settings.tlsCert()) && Files.isReadable(settings.tlsKey());
        if (tls) {
            Tls pem = Tls.pem(settings.tlsCert(), settings.tlsKey());
            builder.listen(settings.tlsPort(), pem).listen(settings.h2Port(), pem);
        } else {
            log.warn("no TLS ports: {} or {} cannot be read", settings.tlsCert(), settings.tlsKey());
        }
        GyreServer server = builder.start();
        GyreServer h2cOnly = routes(Gyre.builder().port(settings.h2cPort()), json, handlers, settings)
                .http2(Http2Options.defaults().withUpgrade(false))
                .filter(Filter.before(ArenaServer::refuseHttp1))
                .start();
        log.info("Gyre HttpArena entry on {}, h2c only on {} (database: {}, compression: {})", server.urls(),
                h2cOnly.urls(), pool == null ? "none" : "pool of " + settings.maxDatabaseConnections(),
                Compression.defaults().offered());
        return List.of(server, h2cOnly);
    }

    /** What both servers serve: the handlers, the compression of {@code /json}, the static files. */
    private static Gyre.Builder routes(Gyre.Builder builder, JacksonJsonCodec json, Object[] handlers,
                                       ArenaSettings settings) {
        builder.limits(HttpLimits.defaults().withMaxBodySize(MAX_BODY_SIZE))
                .blockingLimits(BlockingLimits.DEFAULT_MAX_CONCURRENT, MAX_BLOCKING_WAITING)
                .json(json)
                .docs(false)
                .handlers(handlers)
                .filter("/json", Compression.defaults());
        if (Files.isDirectory(settings.staticDir())) {
            builder.staticFiles("/static", StaticFiles.directory(settings.staticDir()));
        } else {
            log.warn("no static files: {} is not a folder", settings.staticDir());
        }
        return builder;
    }

    /**
     * The h2c port's guard: HttpArena requires that it refuse HTTP/1.1 ({@code baseline-h2c}'s anti-cheat), so
     * that its load cannot measure HTTP/1.1 by mistake; {@code 505} says which versions it does not serve.
     */
    private static Response refuseHttp1(Request request) {
        return request.version() == HttpVersion.HTTP_2 ? null : Response.of(505);
    }
}
