package dev.gyre.sample.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program from the system's packages that a test drives (nginx, PostgreSQL). When it is missing,
 * the test is skipped on a developer's machine but fails in CI ({@code CI=true}), where {@code .ci/run}
 * installs the package first, so a missing install step can never pass as a skipped test.
 */
public final class SystemTool {
    private SystemTool() {
    }

    /** The first of {@code candidates} that is an executable file, else the same name on {@code PATH}. */
    public static Path require(String debianPackage, String name, List<Path> candidates) {
        List<Path> all = new ArrayList<>(candidates);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                all.add(Path.of(dir, name));
            }
        }
        for (Path p : all) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        String missing = name + " not found (Debian package " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(missing + "; .ci/run should have installed it");
        }
        Assumptions.abort(missing + "; skipped outside CI");
        throw new AssertionError("unreachable");
    }

    /** Debian's PostgreSQL binaries, newest major version first: {@code /usr/lib/postgresql/N/bin/name}. */
    public static List<Path> postgresBinaries(String name) {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
                    .map(v -> v.resolve("bin").resolve(name)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
