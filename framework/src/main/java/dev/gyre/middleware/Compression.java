package dev.gyre.middleware;

import dev.gyre.coding.AcceptEncoding;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses response bodies with Brotli, Zstandard, gzip or deflate when all of these hold: the client's
 * {@code Accept-Encoding} allows one of the codings offered, the body is at least {@link #minSize} bytes,
 * its {@code Content-Type} is in the list, the response has no {@code Content-Encoding} yet (never
 * twice), and it is not a range ({@code Content-Range}, as a static mount's {@code 206} has): its byte
 * positions count the uncompressed content. The coding is the one the client weights highest
 * ({@link AcceptEncoding}); on a tie, the first offered, which by default is the order of
 * {@link ContentCoding}: br, zstd, gzip, deflate.
 *
 * <p>gzip and deflate come with the JDK ({@code java.util.zip}). Brotli and Zstandard are offered only when
 * their optional libraries are on the class path and load on this platform:
 * {@code com.aayushatharva.brotli4j:brotli4j} (quality {@value #DEFAULT_BROTLI_QUALITY}) and
 * {@code com.github.luben:zstd-jni} (level {@value #DEFAULT_ZSTD_LEVEL}); {@link #offered()} says which.
 * Both load native code, which JDK 24 and newer warn about unless the JVM runs with
 * {@code --enable-native-access=ALL-UNNAMED}.
 *
 * <p>Every response that could have been compressed gets {@code Vary: Accept-Encoding}, compressed or
 * not, so a shared cache does not hand a gzip body to a client that cannot read it. A body that would
 * not shrink is sent as it is.
 *
 * <p>Compression is CPU work on the thread that produced the response (the event loop for loop
 * handlers); the size threshold keeps it off the small, hot responses.
 */
public final class Compression implements Filter {
    /** Below about a kilobyte, compression saves less than a TCP segment and costs more than it saves. */
    public static final int DEFAULT_MIN_SIZE = 1024;
    /** Textual types that compress well; images and archives are already compressed. */
    public static final List<String> DEFAULT_TYPES = List.of("text/", "application/json", "application/javascript",
            "application/xml", "image/svg+xml", "+json", "+xml");

    /**
     * Brotli's quality for bodies compressed per response: about gzip's speed at its default level with
     * smaller output; 11, the smallest, is for files compressed once ahead of time.
     */
    public static final int DEFAULT_BROTLI_QUALITY = 5;
    /** Zstandard's own default level. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    private final int minSize;
    private final List<String> types;
    private final int level;
    private final List<ContentCoding> offered;

    private Compression(int minSize, List<String> types, int level, List<ContentCoding> offered) {
        this.minSize = minSize;
        this.types = types;
        this.level = level;
        this.offered = offered;
    }

    /** {@link #DEFAULT_MIN_SIZE}, {@link #DEFAULT_TYPES}, the zlib default level, every coding available. */
    public static Compression defaults() {
        return new Compression(DEFAULT_MIN_SIZE, DEFAULT_TYPES, Deflater.DEFAULT_COMPRESSION, available());
    }

    /**
     * @param minSize bodies smaller than this many bytes are sent as they are
     * @param types   content types to compress: a full type ({@code application/json}), a prefix ending in
     *                {@code /} ({@code text/}) or a suffix starting with {@code +} ({@code +json})
     * @param level   gzip and deflate's level: 1 (fastest) to 9 (smallest), or -1 for the zlib default (6)
     */
    public static Compression of(int minSize, List<String> types, int level) {
        if (minSize < 0 || level < -1 || level > 9) {
            throw new IllegalArgumentException("minSize >= 0 and level in -1..9: " + minSize + ", " + level);
        }
        return new Compression(minSize, List.copyOf(types), level, available());
    }

    /**
     * This filter offering only {@code codings}, preferred in this order when the client weights several
     * the same.
     *
     * @throws IllegalArgumentException when a coding's optional library is missing or does not load here
     */
    public Compression offering(ContentCoding... codings) {
        List<ContentCoding> chosen = List.of(codings);
        for (ContentCoding coding : chosen) {
            if (!available().contains(coding)) {
                throw new IllegalArgumentException(coding.token() + " needs its optional library on the class "
                        + "path (see the Compression Javadoc), and it is missing or does not load here");
            }
        }
        return new Compression(minSize, types, level, chosen);
    }

    /** The codings this filter may send, the preferred first. */
    public List<ContentCoding> offered() {
        return offered;
    }

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        return next.proceed().thenApply(response -> compress(request.header("Accept-Encoding"), response));
    }

    private Response compress(String acceptEncoding, Response response) {
        byte[] body = response.body();
        if (body.length < minSize || response.headers().contains("Content-Encoding")
                || response.headers().contains("Content-Range") || !compressible(response.headers().get("Content-Type"))) {
            return response;
        }
        addVary(response);
        ContentCoding coding = AcceptEncoding.choose(acceptEncoding, offered);
        if (coding == null) {
            return response;
        }
        byte[] compressed = encode(body, coding);
        if (compressed.length >= body.length) {
            return response;
        }
        response.header("Content-Encoding", coding.token());
        return response.body(compressed);
    }

    private byte[] encode(byte[] body, ContentCoding coding) {
        return switch (coding) {
            case BROTLI -> BrotliEncoder.encode(body, DEFAULT_BROTLI_QUALITY);
            case ZSTD -> ZstdEncoder.encode(body, DEFAULT_ZSTD_LEVEL);
            case GZIP -> deflate(body, true);
            case DEFLATE -> deflate(body, false);
        };
    }

    /** Every coding whose encoder is here, in {@link ContentCoding}'s order. */
    private static List<ContentCoding> available() {
        List<ContentCoding> codings = new ArrayList<>(4);
        if (BrotliEncoder.available()) {
            codings.add(ContentCoding.BROTLI);
        }
        if (ZstdEncoder.available()) {
            codings.add(ContentCoding.ZSTD);
        }
        codings.add(ContentCoding.GZIP);
        codings.add(ContentCoding.DEFLATE);
        return List.copyOf(codings);
    }

    private boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String essence = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        for (String t : types) {
            boolean match = t.endsWith("/") ? essence.startsWith(t)
                    : t.startsWith("+") ? essence.endsWith(t) : essence.equals(t);
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static void addVary(Response response) {
        if (!response.headers().containsToken("Vary", "Accept-Encoding")) {
            response.header("Vary", "Accept-Encoding");
        }
    }

    /** gzip (RFC 1952) or HTTP's "deflate", which is the zlib format (RFC 9110 §8.4.1.2), not raw deflate. */
    private byte[] deflate(byte[] body, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        Deflater zlib = gzip ? null : new Deflater(level);
        try (DeflaterOutputStream z = gzip ? new LevelledGzip(out, level) : new DeflaterOutputStream(out, zlib)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (zlib != null) {
                zlib.end();
            }
        }
        return out.toByteArray();
    }

    /** {@link GZIPOutputStream} at a chosen level; it still ends its own deflater on close. */
    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(OutputStream out, int level) throws IOException {
            super(out);
            def.setLevel(level);
        }
    }
}
