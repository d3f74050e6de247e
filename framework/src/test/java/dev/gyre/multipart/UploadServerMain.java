package dev.gyre.multipart;

import dev.gyre.handler.Form;
import dev.gyre.handler.Post;
import dev.gyre.http.HttpLimits;
import dev.gyre.testing.GyreTestServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * A server for {@link LargeUploadTest} to run in a child JVM with a small heap: one upload route that answers the
 * file's size and SHA-256 and the heap's peak use. Prints its URL, then serves until its standard input closes.
 */
public final class UploadServerMain {
    private UploadServerMain() {
    }

    public static final class Api {
        @Post("/files")
        public String upload(@Form UploadFile file) throws Exception {
            String sha = UploadsTest.sha256(file.inputStream());
            return file.size() + " " + sha + " " + peakHeap();
        }
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    public static void main(String[] args) throws Exception {
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api())
                .limits(HttpLimits.defaults().withMaxBodySize(2L << 30)))) {
            System.out.println(server.url());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
