package dev.gyre.multipart;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the parts of a {@code multipart/form-data} body from a {@link MultipartParser} as they arrive, in
 * order: {@code partStarted}, any number of {@code partData}, {@code partEnded}, for each part. Called on the
 * thread that feeds the parser (the connection's loop for a {@link MultipartSubscriber}); an exception thrown
 * here stops the parser and reaches whoever fed it.
 */
public interface PartListener {

    void partStarted(PartHead head) throws IOException;

    /** Bytes of the current part; the buffer is only valid during the call: copy what must be kept. */
    void partData(ByteBuffer data) throws IOException;

    void partEnded() throws IOException;
}
