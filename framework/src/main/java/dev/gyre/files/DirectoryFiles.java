package dev.gyre.files;

import dev.gyre.coding.AcceptEncoding;
import dev.gyre.middleware.ContentCoding;
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
 * A file is served only if its real path (all symbolic links followed) lies under the root's real path and
 * no segment of it below the root is hidden: a link that points out of the root, or into a hidden folder, is
 * missing. Links that stay inside are followed. The root's real path is resolved once; a file's folder is
 * resolved by {@link RealFolders}, at most once a second, and the file itself is looked at with one
 * {@code lstat}: a regular file or folder there is what the request names (its name was already judged
 * safe), and only a symbolic link costs a full resolution of its path. The check and the open are
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
    /** A file or folder below the root, at its real path, with its attributes (not those of a link). */
    private record Located(Path real, BasicFileAttributes attributes) {
    }

    private final Path root;
    private final RealFolders folders;

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
        this.folders = new RealFolders(this.root);
    }

    @Override
    Kind kind(String path) throws IOException {
        Located located = locate(path);
        if (located == null) {
            return Kind.MISSING;
        }
        BasicFileAttributes attributes = located.attributes();
        return attributes.isRegularFile() ? Kind.FILE : attributes.isDirectory() ? Kind.FOLDER : Kind.MISSING;
    }

    @Override
    Representation open(String path, String acceptEncoding) throws IOException {
        String contentType = FileMediaTypes.forFileName(path);
        List<ContentCoding> codings = new ArrayList<>(SIBLINGS.size());
        List<Located> siblings = new ArrayList<>(SIBLINGS.size());
        for (ContentCoding coding : SIBLINGS) {
            Located sibling = locate(path + coding.suffix());
            if (sibling != null && sibling.attributes().isRegularFile()) {
                codings.add(coding);
                siblings.add(sibling);
            }
        }
        ContentCoding chosen = AcceptEncoding.choose(acceptEncoding, codings);
        if (chosen != null) {
            Representation sibling = open(siblings.get(codings.indexOf(chosen)), contentType, chosen, true);
            if (sibling != null) {
                return sibling;
            }
        }
        return open(locate(path), contentType, null, !codings.isEmpty());
    }

    /** Opens a regular file; anything else (a device, a FIFO, whose open would block) is refused first. */
    private Representation open(Located file, String contentType, ContentCoding coding, boolean varies)
            throws IOException {
        if (file == null || !file.attributes().isRegularFile()) {
            return null;
        }
        BasicFileAttributes attributes = file.attributes();
        FileChannel channel;
        try {
            channel = FileChannel.open(file.real(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
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
     * Where {@code path} (safe, no trailing slash) lies: in its folder's real path, by its own name, or, when
     * that name is a symbolic link, where the link leads; {@code null} when it does not exist, cannot be
     * read, or leaves the root or passes through a hidden segment.
     */
    private Located locate(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        Path folder = folders.realPath(slash < 0 ? "" : path.substring(0, slash));
        if (folder == null) {
            return null;
        }
        Path file = folder.resolve(path.substring(slash + 1));
        BasicFileAttributes attributes = attributes(file);
        if (attributes == null) {
            return null;
        }
        if (!attributes.isSymbolicLink()) {
            return new Located(file, attributes);
        }
        Path real = followed(file);
        attributes = attributes(real);
        return attributes == null ? null : new Located(real, attributes);
    }

    /** The real path of a link below the root, or {@code null} when it leads nowhere, out or into hiding. */
    private Path followed(Path link) throws IOException {
        Path real;
        try {
            real = link.toRealPath();
        } catch (FileSystemException missingDeniedOrNotAFolder) {
            return null;
        }
        return real.startsWith(root) && !folders.isHiddenBelowRoot(real) ? real : null;
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        if (path == null) {
            return null;
        }
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException vanishedOrDenied) {
            return null;
        }
    }
}
