package dev.gyre.containment;

/**
 * What an injected fault throws: an ordinary exception, an {@code Error}, and a {@link VirtualMachineError},
 * which the loop contains too. Every message carries {@link #MARKER}, so a test can count the log lines.
 */
enum Fault {
    RUNTIME_EXCEPTION {
        @Override
        Throwable make() {
            return new IllegalStateException(MARKER);
        }
    },
    ERROR {
        @Override
        Throwable make() {
            return new AssertionError(MARKER);
        }
    },
    OUT_OF_MEMORY {
        @Override
        Throwable make() {
            return new OutOfMemoryError(MARKER);
        }
    };

    static final String MARKER = "injected fault";

    /** The fault the next callback throws; set by the test before it triggers the callback. */
    private static volatile Fault armed = RUNTIME_EXCEPTION;

    abstract Throwable make();

    void arm() {
        armed = this;
    }

    /** Throws the armed fault from wherever user code runs; declared to return so callers can write {@code throw}. */
    static RuntimeException raise() {
        Throwable t = armed.make();
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }
}
