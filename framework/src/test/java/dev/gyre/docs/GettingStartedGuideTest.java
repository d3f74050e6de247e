package dev.gyre.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the project that the invoker integration test builds
 * (src/it/getting-started), file by file: each code block under a {@code <!-- file: PATH -->} marker must be
 * that file, except the Gyre version, which the integration test takes from the build. Together they keep the
 * guide from drifting away from a project that compiles and passes its test.
 */
class GettingStartedGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "getting-started.md");
    private static final Path PROJECT = Path.of("src", "it", "getting-started");
    private static final Pattern BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)```\\n",
            Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("<gyre\\.version>[^<]*</gyre\\.version>");

    @Test
    void everyFileOfTheProjectIsShownAsItIs() throws IOException {
        Map<String, String> shown = blocks(Files.readString(GUIDE));
        List<String> files;
        try (var walk = Files.walk(PROJECT)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> PROJECT.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("invoker.properties"))
                    .sorted()
                    .toList();
        }
        assertEquals(files, shown.keySet().stream().sorted().toList(), "files shown in " + GUIDE);
        for (String file : files) {
            assertEquals(normalized(Files.readString(PROJECT.resolve(file))), normalized(shown.get(file)), file);
        }
    }

    @Test
    void theGuideNamesARealVersion() throws IOException {
        Matcher m = VERSION.matcher(Files.readString(GUIDE));
        assertTrue(m.find(), "the guide's pom sets gyre.version");
        assertTrue(m.group().matches("<gyre\\.version>\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?</gyre\\.version>"), m.group());
    }

    private static Map<String, String> blocks(String guide) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(guide);
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    private static String normalized(String text) {
        return VERSION.matcher(text).replaceAll("<gyre.version/>");
    }
}
