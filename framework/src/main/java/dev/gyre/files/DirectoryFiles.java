package dev.gyre.files;

import dev.gyre.coding.AcceptEncoding;
import dev.gyre.coding.ContentCoding;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Files under a folder on disk, opened per request and sent by the connection with {@code transferTo}.
 *
 * <h2>Staying inside the root</h2>
 * Every path is resolved to its real path (all symbolic links followed) and served only if that still lies
 * under the root's real path and no segment of it below the root is hidden: a link that points out of the
 * root, or into a hidden folder, is missing. Links that stay inside are followed. The check and the open are
 * two steps, so someone who can change links under the root while it is served could race them; the root
 * must not be writable by anyone the server should not trust.
 *
 * <h2>Validators</h2>
 * The strong {@code ETag} is {@code "size-mtime"} in hex, with the modification time in nanoseconds and
 * the sibling's suffix appended for a precompressed sibling ({@code -gz}, {@code -br}, {@code -zst}; its own size
 * and time are used): it changes whenever a
 * deployment rewrites the file, costs no read of the content, and two encodings never share it, as a
 * strong tag must not (RFC 9110 §8.8.3). {@code Last-Modified} is the same time in seconds. The size is
 * the open file's, so the {@code Content-Length} always matches what the channel holds; replace files by
 * renaming a finished file over them, not by writing in place.
 */
final class DirectoryFiles extends StaticFiles {
    private final Path root;

    DirectoryFiles(Path root, String cacheControl) {
        super(cacheControl);
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("static files root " + root + " cannot be read: " + e, e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("static files root " + root + " is not a folder");
        }
    }

    @Override
    Kind kind(String path) throws IOException {
        BasicFileAttributes attributes = attributes(real(path));
        if (attributes == null) {
            return Kind.MISSING;
        }
        return attributes.isRegularFile() ? Kind.FILE : attributes.isDirectory() ? Kind.FOLDER : Kind.MISSING;
    }

    @Override
    Representation open(String path, String acceptEncoding) throws IOException {
        String contentType = FileMediaTypes.forFileName(path);
        List<ContentCoding> siblings = new ArrayList<>(SIBLINGS.size());
        for (ContentCoding coding : SIBLINGS) {
            if (kind(path + coding.suffix()) == Kind.FILE) {
                siblings.add(coding);
            }
        }
        ContentCoding chosen = AcceptEncoding.choose(acceptEncoding, siblings);
        if (chosen != null) {
            Representation sibling = open(real(path + chosen.suffix()), contentType, chosen, true);
            if (sibling != null) {
                return sibling;
            }
        }
        return open(real(path), contentType, null, !siblings.isEmpty());
    }

    /** Opens a regular file; anything else (a device, a FIFO, whose open would block) is refused first. */
    private Representation open(Path file, String contentType, ContentCoding coding, boolean varies)
            throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes == null || !attributes.isRegularFile()) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException vanishedOrDenied) {
            return null;
        }
        try {
            long size = channel.size();
            long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            String etag = '"' + Long.toHexString(size) + '-' + Long.toHexString(mtime)
                    + (coding == null ? "" : "-" + coding.suffix().substring(1)) + '"';
            return new Representation(new Representation.OpenFile(channel, size), contentType, etag,
                    attributes.lastModifiedTime().to(TimeUnit.SECONDS), cacheControl, coding, varies);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The real path of {@code path} below the root, or {@code null} when it does not exist, cannot be read,
     * or its real path leaves the root or passes through a hidden segment.
     */
    private Path real(String path) throws IOException {
        Path real;
        try {
            real = root.resolve(path).toRealPath();
        } catch (FileSystemException missingDeniedOrNotAFolder) {
            return null;
        }
        if (!real.startsWith(root)) {
            return null;
        }
        for (Path segment : root.relativize(real)) {
            if (segment.toString().startsWith(".")) {
                return null;
            }
        }
        return real;
    }

    private static BasicFileAttributes attributes(Path real) throws IOException {
        if (real == null) {
            return null;
        }
        try {
            return Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException vanishedOrDenied) {
            return null;
        }
    }
}
