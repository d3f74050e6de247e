package dev.gyre.json;

/**
 * The request body is not JSON of the expected shape. {@code line} and {@code column} locate the problem
 * (1-based, 0 when unknown); {@code path} names the property that could not be read, if any.
 */
public final class JsonReadException extends RuntimeException {
    private final int line;
    private final int column;
    private final java.util.List<Object> path;
    private final boolean malformed;

    public JsonReadException(String message, int line, int column, java.util.List<Object> path, boolean malformed,
                             Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.path = path;
        this.malformed = malformed;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Where in the document the value was that could not be bound, e.g. {@code ["items", 0, "price"]}. */
    public java.util.List<Object> path() {
        return path;
    }

    /** True when the bytes are not JSON at all (answer 400); false when the JSON does not fit the type (422). */
    public boolean malformed() {
        return malformed;
    }
}
