package dev.gyre.support;

/**
 * How long one {@code @FuzzTest} fuzzes when Jazzer runs in fuzzing mode ({@code JAZZER_FUZZ=1}).
 *
 * <p>Jazzer reads the duration from the annotation only, so it is a constant here: short enough that the
 * bounded runs {@code mvn verify} makes (three targets; all of them with {@code -Dfuzz=all}), one JVM per
 * target, stay within a minute together on a two-core machine. Longer runs repeat it and keep the growing
 * corpus between runs (docs/fuzzing.md).
 * Without {@code JAZZER_FUZZ} the tests only replay their committed inputs and this is not used.
 */
public final class FuzzRuns {
    /** The wall-clock time of one bounded fuzzing run. */
    public static final String SHORT = "6s";

    private FuzzRuns() {
    }
}
