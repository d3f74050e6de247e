package dev.gyre.files;

import java.util.Locale;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 §12.5.3) for the one question static files ask: may the gzip
 * sibling be sent?
 */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * Whether {@code gzip} (or its alias {@code x-gzip}) is acceptable: named with a non-zero weight, or covered
     * by {@code *} with a non-zero weight and not refused by name. Without the field a client states no
     * preference (§12.5.3), which allows any coding but does not promise it can decode one, so it gets the
     * file as it is.
     */
    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean named = null;
        boolean wildcard = false;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean accepted = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = named == Boolean.TRUE || accepted;
            } else if (coding.equals("*")) {
                wildcard = accepted;
            }
        }
        return named != null ? named : wildcard;
    }

    /** The {@code q} parameter of an element, 1 when absent; a malformed weight counts as 0. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
