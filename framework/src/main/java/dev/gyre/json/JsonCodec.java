package dev.gyre.json;

import java.lang.reflect.Type;

/**
 * Reads and writes JSON for handler bodies and results.
 *
 * <p>Kept behind an interface so that Jackson stays an optional dependency: the server asks for a codec
 * only when some route needs JSON, and fails at start-up with a clear message when none is available.
 * Without one plugged in, the server uses {@link JacksonJsonCodec} when Jackson is on the class path.
 */
public interface JsonCodec {

    byte[] write(Object value);

    /** Parses {@code json} into {@code type}; throws {@link JsonReadException} on malformed input. */
    Object read(byte[] json, Type type);
}
