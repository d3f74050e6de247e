package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB file uploaded to a server whose heap is 64 MiB ({@link UploadServerMain} in a child JVM): the upload
 * streams through the parser to a temporary file, so it fits, and its size and SHA-256 arrive intact.
 * {@code -Dgyre.upload.mib=N} changes the size.
 */
class LargeUploadTest {
    private static final long SIZE = Long.getLong("gyre.upload.mib", 1024) << 20;
    private static final int BLOCK = 64 * 1024;
    private static final String BOUNDARY = "large-upload-boundary";

    /** The multipart body: a head, SIZE bytes repeating one random block, the closing delimiter. */
    private static final class FormStream extends InputStream {
        private final byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"big.bin\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        private final byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        private final byte[] block;
        private long at;

        FormStream(byte[] block) {
            this.block = block;
        }

        long length() {
            return head.length + SIZE + tail.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= length()) {
                return -1;
            }
            int n;
            if (at < head.length) {
                n = (int) Math.min(len, head.length - at);
                System.arraycopy(head, (int) at, b, off, n);
            } else if (at < head.length + SIZE) {
                long inFile = at - head.length;
                n = (int) Math.min(len, Math.min(BLOCK - inFile % BLOCK, SIZE - inFile));
                System.arraycopy(block, (int) (inFile % BLOCK), b, off, n);
            } else {
                int inTail = (int) (at - head.length - SIZE);
                n = Math.min(len, tail.length - inTail);
                System.arraycopy(tail, inTail, b, off, n);
            }
            at += n;
            return n;
        }
    }

    @Test
    void aGibibyteUploadFitsInASmallHeap() throws Exception {
        byte[] block = new byte[BLOCK];
        new Random(7).nextBytes(block);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long done = 0; done < SIZE; done += BLOCK) {
            sha.update(block, 0, (int) Math.min(BLOCK, SIZE - done));
        }
        String expected = HexFormat.of().formatHex(sha.digest());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                UploadServerMain.class.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String url = out.readLine();
            assertTrue(url != null && url.startsWith("http://"), "the child server started: " + url);
            FormStream form = new FormStream(block);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long started = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/files"))
                    .timeout(Duration.ofMinutes(3))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> form),
                            form.length()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(200, r.statusCode(), r.body());
            String[] answer = r.body().split(" ");
            assertEquals(SIZE, Long.parseLong(answer[0]));
            assertEquals(expected, answer[1]);
            long peakMiB = Long.parseLong(answer[2]) >> 20;
            System.out.printf("LargeUploadTest: %d MiB in %d ms, server heap peak %d MiB of 64%n", SIZE >> 20, millis,
                    peakMiB);
            assertTrue(peakMiB <= 64, "heap peak " + peakMiB + " MiB");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
