package dev.gyre.bench.arena;

import dev.gyre.handler.Body;
import dev.gyre.handler.Post;
import java.io.IOException;
import java.io.InputStream;

/**
 * HttpArena's {@code upload} profile: how many bytes the body had, counted as they are read from the
 * framework's streamed body (not taken from {@code Content-Length}). Blocking reads, so it runs on a virtual
 * thread; the body never sits in memory whole.
 */
public final class UploadApi {
    private static final int BUFFER = 64 * 1024;

    @Post("/upload")
    public String upload(@Body InputStream body) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
        }
        return Long.toString(total);
    }
}
