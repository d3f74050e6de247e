package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.sample.deploy.AppInstance;
import dev.gyre.sample.deploy.ChatClient;
import dev.gyre.sample.deploy.Nginx;
import dev.gyre.sample.deploy.PlainClient;
import dev.gyre.sample.deploy.Processes;
import dev.gyre.sample.deploy.SseClient;
import dev.gyre.sample.deploy.TrafficClient;
import dev.gyre.sample.deploy.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many instances: two sample-app JVMs behind a real nginx (keep-alive upstreams, failed idempotent
 * requests retried on the other instance), under plain requests, open SSE streams and open WebSocket chat
 * sockets. Each instance in turn gets SIGTERM (its graceful stop), must answer 503 on {@code /health/ready}
 * during its drain delay, and is started again on the same port (ready when readiness answers 200).
 * No plain request may fail, and every stream and socket the restarts end must end cleanly: an SSE
 * stream with its last chunk, a WebSocket with a 1001 Close frame. Skipped outside CI when nginx is
 * missing, failed in CI.
 */
class RollingRestartTest {
    private static final Duration TRAFFIC = Duration.ofSeconds(3);
    private static final Duration RECONNECT = Duration.ofSeconds(2);
    private static final int STREAMS = 3;

    private Workspace workspace;

    @AfterEach
    void cleanUp() throws Exception {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void rollingRestartBehindNginxLosesNoRequestAndClosesStreamsCleanly() throws Exception {
        workspace = Workspace.create("gyre-rolling");
        Path dir = workspace.dir();
        List<AppInstance> instances = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            AppInstance app = own(new AppInstance(Processes.freePort(), dir.resolve("app-" + name + ".log")));
            app.start();
            instances.add(app);
        }
        Nginx nginx = own(Nginx.start(dir, instances.stream().map(AppInstance::port).toList()));

        List<PlainClient> plain = new ArrayList<>();
        List<SseClient> sse = new ArrayList<>();
        List<ChatClient> chat = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            plain.add(started(new PlainClient(nginx.port())));
            sse.add(started(new SseClient(nginx.port(), "/events/clock", RECONNECT)));
            chat.add(started(new ChatClient(nginx.port(), "lobby", RECONNECT)));
        }
        Thread.sleep(TRAFFIC);
        for (AppInstance app : instances) {
            app.terminate(Duration.ofSeconds(30));
            app.start();
            Thread.sleep(TRAFFIC);
        }
        List<TrafficClient> all = new ArrayList<>();
        all.addAll(plain);
        all.addAll(sse);
        all.addAll(chat);
        for (TrafficClient client : all) {
            client.close();
        }

        List<String> problems = all.stream()
                .flatMap(c -> c.problems().stream().map(p -> c.getClass().getSimpleName() + ": " + p)).toList();
        assertEquals(List.of(), problems, "nginx's error log: " + nginx.errorLog());
        int requests = plain.stream().mapToInt(TrafficClient::completed).sum();
        assertTrue(requests >= 30, "plain requests answered: " + requests);
        int cleanStreams = sse.stream().mapToInt(TrafficClient::completed).sum();
        assertTrue(cleanStreams >= STREAMS, "every stream open at the first stop ended with its last chunk: " + cleanStreams);
        assertTrue(sse.stream().mapToInt(SseClient::events).sum() >= STREAMS, "the streams carried events");
        int goingAway = chat.stream().mapToInt(ChatClient::goingAway).sum();
        assertTrue(goingAway >= STREAMS, "every socket open at the first stop got a 1001 Close: " + goingAway);
        assertTrue(chat.stream().mapToInt(ChatClient::received).sum() > 0, "the chat carried lines");
        String access = nginx.accessLog();
        for (AppInstance app : instances) {
            assertTrue(access.contains("127.0.0.1:" + app.port()), "nginx used the instance on " + app.port());
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        return workspace.own(resource);
    }

    private <T extends TrafficClient> T started(T client) {
        own(client).start();
        return client;
    }
}
