package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder real-path cache on a real file system, with its clock in the test's hands: what it resolves,
 * what it refuses, and that a change under the root is seen once an entry is a second old.
 */
class RealFoldersTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private final AtomicLong now = new AtomicLong(1_000);
    private RealFolders folders;

    @BeforeEach
    void tree() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("css/deep"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("file.txt"), "a file, not a folder");
        Files.createSymbolicLink(root.resolve("styles"), Path.of("css"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("git"), Path.of(".git"));
        folders = new RealFolders(root, now::get);
    }

    @Test
    void foldersAndLinksThatStayInsideResolveToTheirRealPath() throws Exception {
        assertEquals(root, folders.realPath(""));
        assertEquals(root.resolve("css/deep"), folders.realPath("css/deep"));
        assertEquals(root.resolve("css"), folders.realPath("styles"));
        assertEquals(root.resolve("css/deep"), folders.realPath("styles/deep"));
    }

    @Test
    void outsideHiddenMissingAndFilesAreNotFolders() throws Exception {
        assertNull(folders.realPath("out"));
        assertNull(folders.realPath("git"));
        assertNull(folders.realPath("missing"));
        assertNull(folders.realPath("file.txt"));
    }

    @Test
    void aFolderRelinkedOutOfTheRootIsRefusedOnceItsEntryIsASecondOld() throws Exception {
        assertEquals(root.resolve("css"), folders.realPath("styles"));
        Files.delete(root.resolve("styles"));
        Files.createSymbolicLink(root.resolve("styles"), outside);
        now.addAndGet(RealFolders.TTL_NANOS - 1);
        assertEquals(root.resolve("css"), folders.realPath("styles"), "trusted for its second");
        now.addAndGet(1);
        assertNull(folders.realPath("styles"));
    }

    @Test
    void aMissingFolderAppearsOnceItsEntryIsASecondOld() throws Exception {
        assertNull(folders.realPath("later"));
        Files.createDirectories(root.resolve("later"));
        assertNull(folders.realPath("later"), "remembered as missing");
        now.addAndGet(RealFolders.TTL_NANOS);
        assertEquals(root.resolve("later"), folders.realPath("later"));
    }

    @Test
    void madeUpFoldersBeyondTheLimitDropTheCacheButStillResolve() throws Exception {
        for (int i = 0; i < RealFolders.MAX_FOLDERS + 10; i++) {
            assertNull(folders.realPath("made-up-" + i));
            assertTrue(folders.size() <= RealFolders.MAX_FOLDERS, "bounded");
        }
        assertEquals(root.resolve("css"), folders.realPath("css"));
    }
}
