package dev.gyre.http2;

import static dev.gyre.http2.ServerFrames.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.http2.config.Http2Limits;
import dev.gyre.support.FuzzRuns;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing of the whole engine, {@link Http2Connection} (docs/fuzzing.md). Inputs live under
 * {@code src/test/resources/dev/gyre/http2/Http2ConnectionFuzzTestInputs/<method>/}.
 *
 * <p>The fuzzer writes what a client sends after its preface and SETTINGS, fed in pieces it seeds, to an
 * engine whose listener answers every request at once. For any such input:
 * <ul>
 *   <li>nothing escapes {@code receive} or the listener's own calls into the engine;</li>
 *   <li>everything the engine writes is well-formed frames, with header blocks a client's HPACK decoder
 *       reads;</li>
 *   <li>at most one GOAWAY other than NO_ERROR, after which the engine is finished and writes nothing more.</li>
 * </ul>
 */
class Http2ConnectionFuzzTest {
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyClientBytesLeaveTheEngineSound(FuzzedDataProvider data) {
        long splitSeed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();
        AnsweringListener listener = new AnsweringListener();
        Http2Connection connection = new Http2Connection(Http2Limits.defaults(), listener, true, System::nanoTime);
        listener.connection = connection;
        ServerFrames client = new ServerFrames();
        List<Frame> written = new ArrayList<>(client.read(connection));
        connection.receive(ByteBuffer.wrap(new ClientFrames().start().bytes()));
        Random random = new Random(splitSeed);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(256));
            boolean finishedBefore = connection.isFinished() && errorGoAway(written);
            connection.receive(ByteBuffer.wrap(bytes, at, n));
            List<Frame> frames = client.readAll(connection);
            if (finishedBefore) {
                assertTrue(frames.isEmpty(), "written after the connection failed: " + frames);
            }
            written.addAll(frames);
            at += n;
        }
        long errors = only(written, Frame.GoAway.class).stream().filter(g -> g.errorCode() != 0).count();
        assertTrue(errors <= 1, "GOAWAY with an error more than once");
        if (errors == 1) {
            assertTrue(connection.isFinished());
        }
        for (Frame.Headers headers : only(written, Frame.Headers.class)) {
            if (headers.endHeaders()) {
                assertTrue(client.fields(headers).containsKey(":status"), "a response head without :status");
            }
        }
    }

    private static boolean errorGoAway(List<Frame> written) {
        return only(written, Frame.GoAway.class).stream().anyMatch(g -> g.errorCode() != 0);
    }
}
