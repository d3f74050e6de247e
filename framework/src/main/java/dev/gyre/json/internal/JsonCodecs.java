package dev.gyre.json.internal;

import dev.gyre.json.JacksonJsonCodec;
import dev.gyre.json.JsonCodec;

/**
 * Where the framework finds a codec when the application plugged none in: Jackson if it is on the class path
 * (it is an optional dependency), else none. An application that wants a codec makes one itself
 * ({@code new JacksonJsonCodec()}, or its own {@link JsonCodec}), so this package is not exported.
 */
public final class JsonCodecs {

    private JsonCodecs() {
    }

    /** A new codec found on the class path (Jackson), or {@code null} when there is none. */
    public static JsonCodec detect() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JsonCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return new JacksonJsonCodec();
    }

    /**
     * One codec for the whole process, found once ({@link #detect()}): what writes a {@code Response.json} value
     * that no route wrote. {@code null} when there is no JSON library.
     */
    public static JsonCodec shared() {
        return Shared.INSTANCE;
    }

    /** Holds {@link #shared()}, made on first use (the holder idiom: the JVM makes it once, thread-safely). */
    private static final class Shared {
        static final JsonCodec INSTANCE = detect();
    }
}
