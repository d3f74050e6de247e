package dev.gyre.handler.internal;

/** How busy the blocking handlers are, for meters; every figure may be read from any thread at any time. */
public interface BlockingLoad {
    /** Blocking handlers running now. */
    int running();

    /** Blocking handlers waiting for a permit. */
    int queued();

    /** Blocking requests refused with {@code 503} since start, because both permits and queue were full. */
    long rejected();
}
