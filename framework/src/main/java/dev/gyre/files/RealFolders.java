package dev.gyre.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The real paths of the folders below a static-files root, each resolved (every symbolic link followed) at
 * most once per {@link #TTL_NANOS} and kept meanwhile, so a request for a file costs one {@code lstat} of the
 * file instead of a {@code readlink} per segment of its whole path.
 *
 * <p>A folder qualifies when its real path is a folder below the root's real path and no segment of it
 * below the root is hidden; otherwise it is remembered as missing for the same time. So a folder created,
 * removed or re-linked while the root is served is seen within a second. Meanwhile the remembered real
 * path is trusted: someone who can swap a folder for a link under the root could point it elsewhere for
 * that long, which is the race {@link DirectoryFiles} already leaves to the root's permissions.
 *
 * <p>Limits: at most {@link #MAX_FOLDERS} entries; when a request would add one more (a client asking for
 * many made-up folders), all are dropped and resolved again as asked. Thread-safe; any thread may call it,
 * and two threads asking at once for an expired entry may both resolve it.
 */
final class RealFolders {
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int MAX_FOLDERS = 4096;

    /** A folder's real path, or {@code null} for one that is missing, outside the root or hidden. */
    private record Resolved(Path real, long resolvedAt) {
    }

    private final Path root;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Resolved> folders = new ConcurrentHashMap<>();

    /** @param root the root's real path, a folder */
    RealFolders(Path root) {
        this(root, System::nanoTime);
    }

    RealFolders(Path root, LongSupplier nanoTime) {
        this.root = root;
        this.nanoTime = nanoTime;
    }

    /**
     * The real path of {@code folder} ({@code ""} for the root, else a safe relative path without slashes
     * at either end), or {@code null} when it is not a folder below the root or passes through a hidden one.
     * Blocking: it may read the file system.
     */
    Path realPath(String folder) throws IOException {
        if (folder.isEmpty()) {
            return root;
        }
        long now = nanoTime.getAsLong();
        Resolved known = folders.get(folder);
        if (known != null && now - known.resolvedAt() < TTL_NANOS) {
            return known.real();
        }
        Resolved resolved = new Resolved(resolve(folder), now);
        if (known == null && folders.size() >= MAX_FOLDERS) {
            folders.clear();
        }
        folders.put(folder, resolved);
        return resolved.real();
    }

    private Path resolve(String folder) throws IOException {
        Path real;
        try {
            real = root.resolve(folder).toRealPath();
        } catch (FileSystemException missingDeniedOrNotAFolder) {
            return null;
        }
        if (!real.startsWith(root) || !Files.isDirectory(real)) {
            return null;
        }
        return isHiddenBelowRoot(real) ? null : real;
    }

    /** How many folders are remembered: never more than {@link #MAX_FOLDERS}. */
    int size() {
        return folders.size();
    }

    /** Whether a segment of {@code real} (a path under the root) below the root starts with a dot. */
    boolean isHiddenBelowRoot(Path real) {
        for (Path segment : root.relativize(real)) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
