package dev.gyre.json;

import java.lang.reflect.Type;

/**
 * Reads and writes JSON for handler bodies and results.
 *
 * <p>Kept behind an interface so that Jackson stays an optional dependency: the server asks for a codec
 * only when some route needs JSON, and fails at start-up with a clear message when none is available.
 */
public interface JsonCodec {

    byte[] write(Object value);

    /** Parses {@code json} into {@code type}; throws {@link JsonReadException} on malformed input. */
    Object read(byte[] json, Type type);

    /**
     * One codec for the whole process, found once ({@link #detect()}): what writes a {@code Response.json} value
     * that no route wrote. {@code null} when there is no JSON library.
     */
    static JsonCodec shared() {
        return SharedCodec.INSTANCE;
    }

    /** A new codec found on the classpath (Jackson), or {@code null} when there is none. */
    static JsonCodec detect() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JsonCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return new JacksonJsonCodec();
    }
}
