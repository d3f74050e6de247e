package dev.gyre.multipart;

import dev.gyre.loop.BufferBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The bytes of one uploaded file: in memory up to a threshold and while the server's {@link BufferBudget} grants
 * them (held until {@link #delete()}), then in a temporary file that {@link #delete()}
 * removes. The file's name is Gyre's own ({@code gyre-upload-*.part} in {@code java.io.tmpdir}, readable by its
 * owner only where the file system has POSIX permissions); nothing the client sent is part of it.
 *
 * <p>Written by one thread while the form is parsed, then only read: {@link #open()} may be called any number of
 * times, from any thread, once writing has {@linkplain #finish() finished}.
 */
final class SpooledContent {
    private final int threshold;
    private final BufferBudget budget;
    private long reserved;
    private byte[] memory = new byte[256];
    private int used;
    private Path file;
    private FileChannel channel;
    private long size;

    SpooledContent(int threshold, BufferBudget budget) {
        this.threshold = threshold;
        this.budget = budget;
    }

    void write(ByteBuffer data) throws IOException {
        int n = data.remaining();
        size += n;
        if (file == null && used + (long) n <= threshold && budget.reserve(n)) {
            reserved += n;
            if (used + n > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(threshold, Math.max(used + n, memory.length * 2)));
            }
            data.get(memory, used, n);
            used += n;
            return;
        }
        if (file == null) {
            file = Files.createTempFile("gyre-upload-", ".part");
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            writeFully(ByteBuffer.wrap(memory, 0, used));
            memory = null;
            releaseMemory();
        }
        writeFully(data);
    }

    private void writeFully(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    /** Ends writing: the content is complete. */
    void finish() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    long size() {
        return size;
    }

    /** Whether the bytes went to a temporary file. */
    boolean spooled() {
        return file != null;
    }

    InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(memory, 0, used) : Files.newInputStream(file);
    }

    void copyTo(Path target) throws IOException {
        if (file == null) {
            Files.write(target, Arrays.copyOf(memory, used));
        } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void releaseMemory() {
        budget.release(reserved);
        reserved = 0;
    }

    /** Drops the content: gives its memory back to the budget, closes and deletes the temporary file. Idempotent. */
    void delete() throws IOException {
        releaseMemory();
        try {
            finish();
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
