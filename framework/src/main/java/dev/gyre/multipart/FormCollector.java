package dev.gyre.multipart;

import dev.gyre.loop.BufferBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link PartListener} behind {@link MultipartForm}: text fields are collected in memory (the parser bounds
 * them by {@code maxFieldSize}) and decoded as UTF-8, files are spooled; the file bytes kept in memory are bounded
 * per form by {@code maxFormMemory}. A file part with an empty file name and
 * no bytes is what a browser sends for a file input left empty, and is dropped, so the field counts as absent.
 */
final class FormCollector implements PartListener {
    private final int memoryThreshold;
    private long memoryLeft;
    private final BufferBudget budget;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, List<UploadFile>> files = new LinkedHashMap<>();
    private final List<SpooledContent> spools = new ArrayList<>();
    private PartHead head;
    private ByteArrayOutputStream text;
    private SpooledContent file;

    /**
     * @param memoryThreshold the in-memory bytes of one file part
     * @param formMemory      the in-memory bytes of all file parts together; parts arrive one after another, so
     *                        each gets what the earlier ones left, and spools to disk past it
     * @param budget          the server's, from which in-memory file bytes are reserved; a part spools when it
     *                        is spent
     */
    FormCollector(int memoryThreshold, long formMemory, BufferBudget budget) {
        this.memoryThreshold = memoryThreshold;
        this.memoryLeft = formMemory;
        this.budget = budget;
    }

    @Override
    public void partStarted(PartHead part) {
        head = part;
        if (part.isFile()) {
            file = new SpooledContent((int) Math.min(memoryThreshold, memoryLeft), budget);
            spools.add(file);
        } else {
            text = new ByteArrayOutputStream();
        }
    }

    @Override
    public void partData(ByteBuffer data) throws IOException {
        if (file != null) {
            file.write(data);
        } else {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            text.write(bytes);
        }
    }

    @Override
    public void partEnded() throws IOException {
        if (file != null) {
            file.finish();
            if (!file.spooled()) {
                memoryLeft -= file.size();
            }
            if (!head.filename().isEmpty() || file.size() > 0) {
                files.computeIfAbsent(head.name(), n -> new ArrayList<>(1)).add(new UploadFile(head, file));
            }
            file = null;
        } else {
            fields.computeIfAbsent(head.name(), n -> new ArrayList<>(1)).add(text.toString(StandardCharsets.UTF_8));
            text = null;
        }
    }

    Map<String, List<String>> fields() {
        return fields;
    }

    Map<String, List<UploadFile>> files() {
        return files;
    }

    /** Every spool made, kept or dropped, so that all of them can be deleted. */
    List<SpooledContent> spools() {
        return spools;
    }
}
