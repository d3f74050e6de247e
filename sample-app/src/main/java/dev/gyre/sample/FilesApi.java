package dev.gyre.sample;

import dev.gyre.handler.Form;
import dev.gyre.handler.Post;
import dev.gyre.multipart.UploadFile;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file upload, as FastAPI's {@code UploadFile} does it: a {@code multipart/form-data} form with a {@code file}
 * part and a {@code note} field. Files above 64 KiB spool to a temporary file, deleted after the response; the
 * file name comes back as the client sent it, and is never used as a path.
 */
public final class FilesApi {

    /** What the upload was. */
    public record Upload(String filename, long size, String sha256, String note) {
    }

    @Post("/files")
    public Upload upload(@Form UploadFile file, @Form String note) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = file.inputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return new Upload(file.filename(), file.size(), HexFormat.of().formatHex(sha.digest()), note);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
