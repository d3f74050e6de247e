package dev.gyre.multipart;

/**
 * Limits applied while a {@code multipart/form-data} body is parsed; crossing any of them answers {@code 413}
 * with the part named ({@link MultipartException}).
 *
 * <table>
 *   <caption>Limits and their defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@code maxFileSize}: the bytes of one file part</td><td>none</td><td>files spool to disk;
 *       {@code HttpLimits.maxBodySize} (10 MiB) bounds them already</td></tr>
 *   <tr><td>{@code maxFieldSize}: the bytes of one text field</td><td>1 MiB</td><td>text fields are kept in
 *       memory (Starlette's {@code max_part_size})</td></tr>
 *   <tr><td>{@code maxFiles}: file parts in one form</td><td>1000</td><td>Starlette's {@code max_files}</td></tr>
 *   <tr><td>{@code maxFields}: text fields in one form</td><td>1000</td><td>Starlette's {@code max_fields}</td></tr>
 *   <tr><td>{@code maxFormSize}: the whole body</td><td>none</td><td>{@code HttpLimits.maxBodySize} bounds it;
 *       set it to hold forms below what other routes may send</td></tr>
 *   <tr><td>{@code maxPartHeaderSize}: the header lines of one part</td><td>8 KiB</td><td>as a request's own
 *       lines</td></tr>
 *   <tr><td>{@code memoryThreshold}: a file up to this size stays in memory</td><td>64 KiB</td><td>larger ones
 *       go to a temporary file</td></tr>
 *   <tr><td>{@code maxFormMemory}: the file bytes one form keeps in memory, all parts together</td><td>1 MiB</td>
 *       <td>once spent, every further file part spools to disk whatever its size, so many small parts cannot
 *       hold more heap than this per request</td></tr>
 * </table>
 */
public record MultipartLimits(
        long maxFileSize,
        long maxFieldSize,
        int maxFiles,
        int maxFields,
        long maxFormSize,
        int maxPartHeaderSize,
        int memoryThreshold,
        long maxFormMemory) {

    public static final long DEFAULT_MAX_FIELD_SIZE = 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 1000;
    public static final int DEFAULT_MAX_FIELDS = 1000;
    public static final int DEFAULT_MAX_PART_HEADER_SIZE = 8 * 1024;
    public static final int DEFAULT_MEMORY_THRESHOLD = 64 * 1024;
    public static final long DEFAULT_MAX_FORM_MEMORY = 1024 * 1024;

    public MultipartLimits {
        if (maxFileSize < 0 || maxFieldSize < 0 || maxFiles < 0 || maxFields < 0 || maxFormSize < 0
                || maxPartHeaderSize < 64 || memoryThreshold < 0 || maxFormMemory < 0) {
            throw new IllegalArgumentException("limits out of range: " + this);
        }
    }

    public static MultipartLimits defaults() {
        return new MultipartLimits(Long.MAX_VALUE, DEFAULT_MAX_FIELD_SIZE, DEFAULT_MAX_FILES, DEFAULT_MAX_FIELDS,
                Long.MAX_VALUE, DEFAULT_MAX_PART_HEADER_SIZE, DEFAULT_MEMORY_THRESHOLD, DEFAULT_MAX_FORM_MEMORY);
    }

    public MultipartLimits withMaxFileSize(long v) {
        return new MultipartLimits(v, maxFieldSize, maxFiles, maxFields, maxFormSize, maxPartHeaderSize,
                memoryThreshold, maxFormMemory);
    }

    public MultipartLimits withMaxFieldSize(long v) {
        return new MultipartLimits(maxFileSize, v, maxFiles, maxFields, maxFormSize, maxPartHeaderSize,
                memoryThreshold, maxFormMemory);
    }

    public MultipartLimits withMaxFiles(int v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, v, maxFields, maxFormSize, maxPartHeaderSize,
                memoryThreshold, maxFormMemory);
    }

    public MultipartLimits withMaxFields(int v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, maxFiles, v, maxFormSize, maxPartHeaderSize,
                memoryThreshold, maxFormMemory);
    }

    public MultipartLimits withMaxFormSize(long v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, maxFiles, maxFields, v, maxPartHeaderSize,
                memoryThreshold, maxFormMemory);
    }

    public MultipartLimits withMaxPartHeaderSize(int v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, maxFiles, maxFields, maxFormSize, v, memoryThreshold,
                maxFormMemory);
    }

    public MultipartLimits withMemoryThreshold(int v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, maxFiles, maxFields, maxFormSize, maxPartHeaderSize, v,
                maxFormMemory);
    }

    public MultipartLimits withMaxFormMemory(long v) {
        return new MultipartLimits(maxFileSize, maxFieldSize, maxFiles, maxFields, maxFormSize, maxPartHeaderSize,
                memoryThreshold, v);
    }
}
