package dev.gyre.server;

/**
 * What a {@link ChunkedResponseStream} hands its bytes to, on the loop: the HTTP/1.1 connection (which frames
 * them as chunks) or one HTTP/2 stream (which sends them as DATA). Loop thread only.
 */
interface ResponseStreamOwner {

    /** A piece the producer wrote, already framed by the stream; ignored once {@code s} is not the owner's. */
    void streamChunk(ChunkedResponseStream s, byte[] framed);

    /** The producer closed {@code s}: end the body. */
    void streamEnd(ChunkedResponseStream s);

    /** A producer's callback failed after the response began: give up on it (the connection, or the stream). */
    void abandon();
}
