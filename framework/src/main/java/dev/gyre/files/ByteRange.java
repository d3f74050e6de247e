package dev.gyre.files;

/**
 * What a {@code Range} header asks of a representation of a known length (RFC 9110 §14.1.2), reduced to the
 * three answers a server gives: the whole representation ({@code 200}), one part of it ({@code 206}), or
 * nothing ({@code 416}).
 *
 * <p>Only a single range is served. A header that is not {@code bytes=...} in valid syntax, whose last
 * position lies before its first, or that asks for more than one range comes back as {@link #whole()}: RFC
 * 9110 §14.2 lets a server ignore {@code Range}, and answering many ranges with {@code multipart/byteranges}
 * buys little (no browser needs it) while it is the classic way to make a server do much work for a small
 * request (overlapping ranges, CVE-2011-3192).
 *
 * @param first the first byte served, or -1 for {@link #whole()} and {@link #unsatisfiable()}
 * @param last  the last byte served (inclusive), clamped to the representation's last byte
 */
record ByteRange(long first, long last, boolean satisfiable) {
    private static final ByteRange WHOLE = new ByteRange(-1, -1, true);
    private static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1, false);
    private static final String UNIT = "bytes=";

    /** Serve everything: no {@code Range}, or one that is ignored. */
    static ByteRange whole() {
        return WHOLE;
    }

    /** {@code 416}: no byte asked for exists (RFC 9110 §14.1.1). */
    static ByteRange unsatisfiable() {
        return UNSATISFIABLE;
    }

    /** Whether this is one part to answer with {@code 206}. */
    boolean isPartial() {
        return first >= 0;
    }

    /** How many bytes the part holds. */
    long count() {
        return last - first + 1;
    }

    /** The {@code Range} header {@code value} (may be null) applied to a representation of {@code length} bytes. */
    static ByteRange parse(String value, long length) {
        if (value == null || !value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return WHOLE;
        }
        String spec = null;
        for (String element : value.substring(UNIT.length()).split(",", -1)) {
            String trimmed = element.strip();
            if (trimmed.isEmpty()) {
                continue; // a list may hold empty elements (RFC 9110 §5.6.1)
            }
            if (spec != null) {
                return WHOLE;
            }
            spec = trimmed;
        }
        return spec == null ? WHOLE : single(spec, length);
    }

    private static ByteRange single(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        long first = digits(spec, 0, dash);
        long last = digits(spec, dash + 1, spec.length());
        if (dash == 0) {
            if (last < 0) {
                return WHOLE;
            }
            // suffix-range: the last N bytes; more than the length means all of it
            return last == 0 || length == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, length - last), length - 1, true);
        }
        if (first < 0 || (dash + 1 < spec.length() && last < 0) || (last >= 0 && last < first)) {
            return WHOLE;
        }
        if (first >= length) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, last < 0 ? length - 1 : Math.min(last, length - 1), true);
    }

    /**
     * The decimal number in {@code s[from, to)}, saturating at {@link Long#MAX_VALUE} (a position past any
     * file is still a valid one), or -1 when the text is empty or not all digits.
     */
    private static long digits(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }
}
