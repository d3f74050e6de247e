package dev.gyre.http;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that is still arriving, readable once, in one of two ways: blocking, as an
 * {@link InputStream} on a thread of its own; or non-blocking, as a {@link Flow.Publisher} whose
 * subscriber is called on the connection's loop as pieces arrive and asks for more through
 * {@code request(n)}. Either way at most a bounded window waits in memory; reading from the socket pauses
 * until the consumer takes it.
 */
public interface StreamedBody {

    /** The body as a stream whose reads wait for the client. Not for loop threads. */
    InputStream inputStream();

    /**
     * The body as a publisher of byte pieces; each {@code ByteBuffer} is the subscriber's to keep. Its
     * callbacks run on the connection's loop and must not block.
     */
    Flow.Publisher<ByteBuffer> publisher();

    /**
     * The trailer fields that ended the body, read-only (empty when there were none); see
     * {@link dev.gyre.http.Request#trailers()}. Safe from any thread.
     *
     * @throws IllegalStateException while the body has not ended, or once it failed
     */
    Headers trailers();
}
