package dev.gyre.openapi;

/**
 * Tells whether an optional library is on the class path, so that the classes reading its annotations are loaded
 * only when it is. Jackson and Bean Validation are both optional for Gyre applications.
 */
final class Classpath {
    private Classpath() {
    }

    /** Whether {@code className} can be loaded by the loader that loaded Gyre, without initialising it. */
    static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Classpath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
