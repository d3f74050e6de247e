package dev.gyre.json;

import java.util.List;

/**
 * A request body that is not JSON of the expected shape: either not JSON at all ({@link #malformed()}, located by
 * {@link #line()} and {@link #column()}, 1-based, 0 when unknown), or JSON whose values do not fit the type, every
 * such value listed in {@link #mismatches()}.
 */
public final class JsonReadException extends RuntimeException {
    private final int line;
    private final int column;
    private final boolean malformed;
    private final List<Mismatch> mismatches;

    /**
     * One value of the document that does not fit its type.
     *
     * @param path     where it is, e.g. {@code ["items", 0, "price"]}
     * @param missing  whether a required property is absent, rather than present with the wrong type
     * @param expected the Java type that could not be read from the value, when known, else {@code null}
     * @param message  the JSON library's own description
     */
    public record Mismatch(List<Object> path, boolean missing, Class<?> expected, String message) {
        public Mismatch {
            path = List.copyOf(path);
        }
    }

    private JsonReadException(String message, int line, int column, boolean malformed, List<Mismatch> mismatches,
                              Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.malformed = malformed;
        this.mismatches = List.copyOf(mismatches);
    }

    /** The bytes are not JSON: answer {@code 400}. */
    public static JsonReadException malformed(String message, int line, int column, Throwable cause) {
        return new JsonReadException(message, line, column, true, List.of(), cause);
    }

    /** The JSON does not fit the type: answer {@code 422} with every mismatch. */
    public static JsonReadException mismatched(List<Mismatch> mismatches, Throwable cause) {
        if (mismatches.isEmpty()) {
            throw new IllegalArgumentException("a mismatched document has at least one mismatch");
        }
        return new JsonReadException(mismatches.getFirst().message(), 0, 0, false, mismatches, cause);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** True when the bytes are not JSON at all (answer 400); false when the JSON does not fit the type (422). */
    public boolean malformed() {
        return malformed;
    }

    /** Every value that does not fit, in document order of discovery; empty when {@link #malformed()}. */
    public List<Mismatch> mismatches() {
        return mismatches;
    }
}
