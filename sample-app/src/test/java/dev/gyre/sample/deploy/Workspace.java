package dev.gyre.sample.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment test starts, and the temporary directory it all writes into: {@link #close()} closes the
 * resources newest first (clients, then the proxy, then the instances), then deletes the directory.
 */
public final class Workspace implements AutoCloseable {
    private final Path dir;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private Workspace(Path dir) {
        this.dir = dir;
    }

    public static Workspace create(String prefix) throws IOException {
        return new Workspace(Files.createTempDirectory(prefix));
    }

    public Path dir() {
        return dir;
    }

    /** Closes {@code resource} with the workspace; returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
        Processes.deleteTree(dir);
    }
}
