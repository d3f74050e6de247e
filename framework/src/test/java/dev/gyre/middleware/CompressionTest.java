package dev.gyre.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.github.luben.zstd.Zstd;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Response;
import dev.gyre.testing.GyreExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Brotli, Zstandard, gzip and deflate round trips chosen by weight, and every reason not to compress. */
class CompressionTest {
    static final String BIG = "{\"items\":[" + "{\"name\":\"pen\",\"price\":1.5},".repeat(100) + "{}]}";

    public static final class Api {
        @Get("/big")
        @NonBlocking
        public Response big() {
            return Response.bytes(BIG.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        @Get("/small")
        public String small() {
            return "tiny";
        }

        @Get("/png")
        public Response png() {
            return Response.bytes(BIG.getBytes(StandardCharsets.UTF_8), "image/png");
        }

        @Get("/range")
        public Response range() {
            byte[] all = BIG.getBytes(StandardCharsets.UTF_8);
            return Response.bytes(java.util.Arrays.copyOfRange(all, 0, 1000), "application/json").status(206)
                    .header("Content-Range", "bytes 0-999/" + all.length);
        }

        @Get("/encoded")
        public Response encoded() {
            return Response.bytes(BIG.getBytes(StandardCharsets.UTF_8), "text/plain").header("Content-Encoding", "br");
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .filter(Compression.of(256, Compression.DEFAULT_TYPES, 6)));

    /** A second server whose filter offers gzip alone. */
    @RegisterExtension
    static final GyreExtension gzipOnly = GyreExtension.with(b -> b.handlers(new Api())
            .filter(Compression.of(256, Compression.DEFAULT_TYPES, 6).offering(ContentCoding.GZIP)));

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        return get(gyre, path, acceptEncoding);
    }

    private static HttpResponse<byte[]> get(GyreExtension server, String path, String acceptEncoding)
            throws Exception {
        var request = server.client().request(path);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return server.client().http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String coding(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Encoding").orElse("identity");
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothOptionalLibrariesAreOfferedWhenPresent() {
        assertEquals(List.of(ContentCoding.values()), Compression.defaults().offered());
    }

    @Test
    void brotliRoundTripWhenWeightedHighest() throws Exception {
        HttpResponse<byte[]> r = get("/big", "gzip;q=0.8, br;q=1.0, deflate;q=0.5");
        assertEquals("br", coding(r));
        assertEquals("Accept-Encoding", r.headers().firstValue("Vary").orElseThrow());
        assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElseThrow());
        DirectDecompress decoded = Decoder.decompress(r.body());
        assertEquals(DecoderJNI.Status.DONE, decoded.getResultStatus());
        assertEquals(BIG, new String(decoded.getDecompressedData(), StandardCharsets.UTF_8));
    }

    @Test
    void zstdRoundTripWhenWeightedHighest() throws Exception {
        HttpResponse<byte[]> r = get("/big", "br;q=0.5, zstd, gzip;q=0.9");
        assertEquals("zstd", coding(r));
        assertEquals(BIG, new String(Zstd.decompress(r.body(), BIG.length()), StandardCharsets.UTF_8));
    }

    @Test
    void aTieGoesToTheSmallestCodingAndARefusalIsHonoured() throws Exception {
        assertEquals("br", coding(get("/big", "gzip, deflate, zstd, br")), "the server's order on a tie");
        assertEquals("br", coding(get("/big", "*")));
        assertEquals("zstd", coding(get("/big", "*, br;q=0")), "refused by name, the rest by the wildcard");
        assertEquals("gzip", coding(get("/big", "x-gzip, deflate;q=0.9")));
        assertEquals("identity", coding(get("/big", "br;q=0, zstd;q=0, gzip;q=0, deflate;q=0")));
        assertEquals("identity", coding(get("/big", "compress, identity")), "nothing the filter offers");
    }

    @Test
    void aFilterOffersOnlyWhatItWasGiven() throws Exception {
        assertEquals("gzip", coding(get(gzipOnly, "/big", "br, zstd, gzip;q=0.1")));
        assertEquals("identity", coding(get(gzipOnly, "/big", "br, zstd")));
    }

    @Test
    void gzipRoundTrip() throws Exception {
        HttpResponse<byte[]> r = get("/big", "br;q=0.5, gzip;q=0.8, deflate;q=0.5");
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", r.headers().firstValue("Vary").orElseThrow());
        assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(r.body().length < BIG.length() / 4, "compressed to " + r.body().length);
        assertEquals(BIG, read(new GZIPInputStream(new ByteArrayInputStream(r.body()))));
    }

    @Test
    void deflateRoundTripWhenPreferred() throws Exception {
        HttpResponse<byte[]> r = get("/big", "gzip;q=0, deflate");
        assertEquals("deflate", r.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(BIG, read(new InflaterInputStream(new ByteArrayInputStream(r.body()))));
    }

    @Test
    void leavesAloneWhatShouldNotBeCompressed() throws Exception {
        HttpResponse<byte[]> identity = get("/big", null);
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertEquals("Accept-Encoding", identity.headers().firstValue("Vary").orElseThrow(),
                "a cache must know the answer depends on Accept-Encoding");
        assertEquals(BIG, new String(identity.body(), StandardCharsets.UTF_8));

        HttpResponse<byte[]> small = get("/small", "gzip");
        assertFalse(small.headers().firstValue("Content-Encoding").isPresent());
        assertEquals("tiny", new String(small.body(), StandardCharsets.UTF_8));

        assertFalse(get("/png", "gzip").headers().firstValue("Content-Encoding").isPresent());
        assertFalse(get("/big", "gzip;q=0").headers().firstValue("Content-Encoding").isPresent());

        HttpResponse<byte[]> range = get("/range", "gzip");
        assertFalse(range.headers().firstValue("Content-Encoding").isPresent(), "a range counts identity bytes");
        assertEquals(1000, range.body().length);

        HttpResponse<byte[]> encoded = get("/encoded", "gzip");
        assertEquals(List.of("br"), encoded.headers().allValues("Content-Encoding"), "never compressed twice");
        assertEquals(BIG, new String(encoded.body(), StandardCharsets.UTF_8));
    }
}
