package dev.gyre.bench.arena;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.files.StaticFiles;
import dev.gyre.http.HttpLimits;
import dev.gyre.json.JacksonJsonCodec;
import dev.gyre.middleware.Compression;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.transport.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gyre's HttpArena entry: every HTTP/1.1 profile it subscribes to ({@code jmh/httparena/meta.json}) on one
 * port, written the way an application would use the framework: handlers bound by annotation, the
 * {@code Compression} filter on {@code /json} (br, zstd, gzip by the client's weights), the files of
 * {@code STATIC_DIR} with their precompressed siblings under {@code /static}, PostgreSQL through a pool.
 * With HttpArena's certificate mounted, the same routes are served over HTTPS on {@code TLS_PORT} too
 * ({@code json-tls}: HTTP/1.1 by ALPN, the JDK's TLS). Started by {@code jmh/httparena/run.sh}; settings from
 * the environment ({@link ArenaSettings}).
 */
public final class ArenaServer {
    private static final Logger log = LoggerFactory.getLogger(ArenaServer.class);
    /** {@code upload} sends up to 20 MiB; the framework's default limit is 10 MiB. */
    static final long MAX_BODY_SIZE = 32L * 1024 * 1024;

    private ArenaServer() {
    }

    public static void main(String[] args) throws IOException {
        GyreServer server = start(ArenaSettings.from(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5)), "arena-stop"));
    }

    static GyreServer start(ArenaSettings settings) throws IOException {
        JacksonJsonCodec json = new JacksonJsonCodec();
        ObjectMapper mapper = json.mapper();
        DataSource pool = settings.databaseUrl() == null ? null
                : Database.pool(settings.databaseUrl(), settings.maxDatabaseConnections());
        Gyre.Builder builder = Gyre.builder()
                .port(settings.port())
                .limits(HttpLimits.defaults().withMaxBodySize(MAX_BODY_SIZE))
                .json(json)
                .docs(false)
                .handlers(new BaselineApi(), JsonApi.load(settings.dataset(), mapper), new UploadApi(),
                        new AsyncDbApi(pool), new CrudApi(pool, json), new EchoSocket())
                .filter("/json", Compression.defaults());
        boolean tls = Files.isReadable(settings.tlsCert()) && Files.isReadable(settings.tlsKey());
        if (tls) {
            builder.listen(settings.tlsPort(), Tls.pem(settings.tlsCert(), settings.tlsKey()));
        } else {
            log.warn("no TLS port: {} or {} cannot be read", settings.tlsCert(), settings.tlsKey());
        }
        if (Files.isDirectory(settings.staticDir())) {
            builder.staticFiles("/static", StaticFiles.directory(settings.staticDir()));
        } else {
            log.warn("no static files: {} is not a folder", settings.staticDir());
        }
        GyreServer server = builder.start();
        log.info("Gyre HttpArena entry on {} (database: {}, compression: {})", server.urls(),
                pool == null ? "none" : "pool of " + settings.maxDatabaseConnections(),
                Compression.defaults().offered());
        return server;
    }
}
