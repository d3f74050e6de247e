package dev.gyre.json;

/** Holds {@link JsonCodec#shared()}, made on first use (the holder idiom: the JVM makes it once, thread-safely). */
final class SharedCodec {
    static final JsonCodec INSTANCE = JsonCodec.detect();

    private SharedCodec() {
    }
}
