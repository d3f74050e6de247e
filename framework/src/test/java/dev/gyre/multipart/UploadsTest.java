package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.handler.Body;
import dev.gyre.handler.Form;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.http.Request;
import dev.gyre.server.Gyre;
import dev.gyre.support.Curl;
import dev.gyre.testing.GyreExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Multipart forms over real sockets: curl {@code -F}, the JDK client, limits, malformed bodies, clean-up. */
class UploadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "gyre-test-boundary";
    private static final Set<Path> SPOOLS_SEEN = ConcurrentHashMap.newKeySet();

    public static final class Api {
        @Post("/files")
        public Map<String, Object> upload(@Form UploadFile file, @Form String note) throws Exception {
            SPOOLS_SEEN.addAll(spools());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("name", file.name());
            answer.put("filename", file.filename());
            answer.put("contentType", file.contentType());
            answer.put("size", file.size());
            answer.put("sha256", sha256(file.inputStream()));
            answer.put("spooled", file.isSpooled());
            answer.put("note", note);
            return answer;
        }

        @Post("/many")
        public List<String> many(@Form List<UploadFile> files, @Form Optional<UploadFile> extra,
                                 @Form List<String> tag) {
            return Stream.concat(files.stream().map(f -> f.filename() + ":" + f.size()),
                    Stream.concat(Stream.of("extra:" + extra.isPresent()), tag.stream())).toList();
        }

        @Post("/fields")
        public String fields(@Form String name, @Form int age) {
            return name + " " + age;
        }

        @Post("/keep")
        public String keep(@Form UploadFile file, @Form String target) throws IOException {
            file.transferTo(Path.of(target));
            return "kept";
        }

        @Post("/parts")
        public CompletionStage<List<String>> parts(Request request, @Body Flow.Publisher<ByteBuffer> body) {
            List<String> seen = new ArrayList<>();
            MultipartSubscriber parts = new MultipartSubscriber(request.header("Content-Type"),
                    MultipartLimits.defaults(), new PartListener() {
                        private long bytes;

                        @Override
                        public void partStarted(PartHead head) {
                            bytes = 0;
                            seen.add(head.name() + (head.isFile() ? "@" + head.filename() : ""));
                        }

                        @Override
                        public void partData(ByteBuffer data) {
                            bytes += data.remaining();
                        }

                        @Override
                        public void partEnded() {
                            seen.add(Long.toString(bytes));
                        }
                    });
            body.subscribe(parts);
            return parts.done().thenApply(v -> seen);
        }
    }

    public static final class LoopUpload {
        @Post("/loop-upload")
        @NonBlocking
        public String upload(@Form UploadFile file) {
            return file.filename();
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .uploads(MultipartLimits.defaults().withMemoryThreshold(1024).withMaxFileSize(256 * 1024)));

    static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static List<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("gyre-upload-")).toList();
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** A multipart body: each part is {name, filename or null, content}. */
    static byte[] form(String boundary, Object[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object[] part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\""
                    + (part[1] == null ? "" : "; filename=\"" + part[1] + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part[2] instanceof byte[] b ? b : part[2].toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) {
        return gyre.client().send(gyre.client().request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static HttpResponse<String> postForm(String path, byte[] body) {
        return post(path, "multipart/form-data; boundary=" + BOUNDARY, body);
    }

    @Test
    void curlUploadsAFileAndAFieldThatSpoolsToDiskAndIsDeletedAfterTheResponse(@TempDir Path dir) throws Exception {
        byte[] content = randomBytes(200_000);
        Path file = dir.resolve("report.csv");
        Files.write(file, content);
        SPOOLS_SEEN.clear();
        JsonNode answer = JSON.readTree(Curl.run("-F", "file=@" + file + ";type=text/csv", "-F", "note=quarterly",
                gyre.server().url() + "/files"));
        assertEquals("file", answer.get("name").asText());
        assertEquals("report.csv", answer.get("filename").asText());
        assertEquals("text/csv", answer.get("contentType").asText());
        assertEquals(content.length, answer.get("size").asLong());
        assertEquals(sha256(new ByteArrayInputStream(content)), answer.get("sha256").asText());
        assertTrue(answer.get("spooled").asBoolean());
        assertEquals("quarterly", answer.get("note").asText());
        assertFalse(SPOOLS_SEEN.isEmpty(), "the upload went to a temporary file");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (SPOOLS_SEEN.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(SPOOLS_SEEN.stream().noneMatch(Files::exists), "temporary files are deleted after the response");
    }

    @Test
    void theJdkClientUploadsASmallFileKeptInMemoryWithItsFilenameAsSent() throws Exception {
        HttpResponse<String> r = postForm("/files", form(BOUNDARY, new Object[] {"note", null, "é ✓"},
                new Object[] {"file", "../../etc/passwd", "root:x:0:0"}));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("../../etc/passwd", answer.get("filename").asText());
        assertEquals(10, answer.get("size").asLong());
        assertFalse(answer.get("spooled").asBoolean());
        assertEquals("é ✓", answer.get("note").asText());
    }

    @Test
    void listsTakeEveryFileOfANameAndAnEmptyFileInputCountsAsAbsent() {
        HttpResponse<String> r = postForm("/many", form(BOUNDARY, new Object[] {"files", "a.txt", "aaa"},
                new Object[] {"tag", null, "x"}, new Object[] {"files", "b.bin", randomBytes(5000)},
                new Object[] {"extra", "", ""}, new Object[] {"tag", null, "y"}));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("[\"a.txt:3\",\"b.bin:5000\",\"extra:false\",\"x\",\"y\"]", r.body());
    }

    @Test
    void textFieldsBindFromEitherEncoding() {
        assertEquals("ann 7", postForm("/fields", form(BOUNDARY, new Object[] {"name", null, "ann"},
                new Object[] {"age", null, "7"})).body());
        assertEquals("ann 7", gyre.client().postForm("/fields", Map.of("name", "ann", "age", "7")).body());
        HttpResponse<String> bad = postForm("/fields", form(BOUNDARY, new Object[] {"name", null, "ann"},
                new Object[] {"age", null, "old"}));
        assertEquals(422, bad.statusCode());
        assertEquals("{\"detail\":[{\"loc\":[\"body\",\"age\"],\"msg\":\"Input should be a valid integer\","
                + "\"type\":\"int_parsing\"}]}", bad.body());
    }

    @Test
    void anUrlEncodedFormPastMaxFieldsIs413NamingTheLimit() {
        StringBuilder body = new StringBuilder("name=ann&age=7");
        for (int i = 0; i < MultipartLimits.DEFAULT_MAX_FIELDS; i++) {
            body.append("&f").append(i).append('=');
        }
        HttpResponse<String> r = post("/fields", "application/x-www-form-urlencoded",
                body.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("maxFields 1000"), r.body());
        String atTheLimit = "name=ann&age=7" + "&x=".repeat(MultipartLimits.DEFAULT_MAX_FIELDS - 2);
        assertEquals("ann 7", post("/fields", "application/x-www-form-urlencoded",
                atTheLimit.getBytes(StandardCharsets.US_ASCII)).body());
    }

    @Test
    void transferToCopiesTheUpload(@TempDir Path dir) throws Exception {
        byte[] content = randomBytes(70_000);
        Path target = dir.resolve("kept.bin");
        HttpResponse<String> r = postForm("/keep", form(BOUNDARY, new Object[] {"file", "x", content},
                new Object[] {"target", null, target.toString()}));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(sha256(new ByteArrayInputStream(content)), sha256(Files.newInputStream(target)));
    }

    @Test
    void aLoopRouteTakesThePartsAsTheyArrive() {
        HttpResponse<String> r = postForm("/parts", form(BOUNDARY, new Object[] {"note", null, "hi"},
                new Object[] {"file", "f.bin", randomBytes(300_000)}));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("[\"note\",\"2\",\"file@f.bin\",\"300000\"]", r.body());
        HttpResponse<String> broken = post("/parts", "multipart/form-data; boundary=" + BOUNDARY,
                "--gyre-test-boundary\r\nContent-Disposition: form-data; name=a\r\n\r\nunterminated".getBytes());
        assertEquals(400, broken.statusCode(), broken.body());
    }

    @Test
    void aMissingFileIsAMissingFieldAtItsLocation() {
        HttpResponse<String> r = postForm("/files", form(BOUNDARY, new Object[] {"note", null, "n"}));
        assertEquals(422, r.statusCode());
        assertEquals("{\"detail\":[{\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}",
                r.body());
    }

    @Test
    void malformedFormsAreClear4xx() {
        byte[] good = form(BOUNDARY, new Object[] {"note", null, "n"}, new Object[] {"file", "f", "x"});
        HttpResponse<String> noBoundary = post("/files", "multipart/form-data", good);
        assertEquals(400, noBoundary.statusCode());
        assertEquals("{\"detail\":\"malformed multipart body: the Content-Type has no boundary parameter\"}",
                noBoundary.body());
        String text = new String(good, StandardCharsets.UTF_8);
        HttpResponse<String> unterminated = postForm("/files",
                text.substring(0, text.lastIndexOf("--" + BOUNDARY + "--")).getBytes(StandardCharsets.UTF_8));
        assertEquals(400, unterminated.statusCode());
        assertEquals("{\"detail\":\"malformed multipart body: part 'file' is not terminated: the body ended before "
                + "its boundary\"}", unterminated.body());
        HttpResponse<String> oversized = postForm("/files", form(BOUNDARY, new Object[] {"note", null, "n"},
                new Object[] {"file", "big.bin", randomBytes(256 * 1024 + 1)}));
        assertEquals(413, oversized.statusCode());
        assertEquals("{\"detail\":\"part 'file' is larger than 262144 bytes\"}", oversized.body());
        HttpResponse<String> notAForm = post("/files", "text/plain", good);
        assertEquals(415, notAForm.statusCode());
    }

    @Test
    void aFormRefusedPartWayLeavesNoTemporaryFile() throws Exception {
        List<Path> before = spools();
        HttpResponse<String> r = postForm("/many", form(BOUNDARY, new Object[] {"files", "first.bin", randomBytes(200_000)},
                new Object[] {"files", "second.bin", randomBytes(300_000)}));
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("{\"detail\":\"part 'files' is larger than 262144 bytes\"}", r.body());
        List<Path> left = new ArrayList<>(spools());
        left.removeAll(before);
        assertEquals(List.of(), left, "the first file's spool is deleted with the failure");
    }

    @Test
    void aLoopRouteCannotTakeUploadsWhichBlock() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().port(0).handlers(new LoopUpload()).start());
        assertTrue(e.getMessage().startsWith("LoopUpload#upload reads its body as an InputStream or takes uploads"),
                e.getMessage());
    }

    @Test
    void aChunkedFormStreamsLikeAnyOther() throws Exception {
        byte[] content = randomBytes(150_000);
        byte[] body = form(BOUNDARY, new Object[] {"note", null, "chunked"}, new Object[] {"file", "c.bin", content});
        HttpResponse<String> r = gyre.client().send(gyre.client().request("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(sha256(new ByteArrayInputStream(content)), JSON.readTree(r.body()).get("sha256").asText());
    }
}
