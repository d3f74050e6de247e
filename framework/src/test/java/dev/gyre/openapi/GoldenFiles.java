package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated JSON with a pinned file. Run with {@code -Dgyre.golden.update=true} to rewrite the
 * files instead, then review the diff.
 */
final class GoldenFiles {
    private static final boolean UPDATE = Boolean.getBoolean("gyre.golden.update");

    private GoldenFiles() {
    }

    static void assertMatches(Path folder, String name, String actual) throws IOException {
        Path file = folder.resolve(name + ".json");
        if (UPDATE) {
            Files.createDirectories(folder);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        } else if (!Files.exists(file)) {
            fail("No golden file " + file + "; run with -Dgyre.golden.update=true to create it");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                () -> file + " differs; if intended, rerun with -Dgyre.golden.update=true");
    }
}
