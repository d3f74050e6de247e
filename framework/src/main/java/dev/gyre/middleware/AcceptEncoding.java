package dev.gyre.middleware;

import java.util.Locale;

/**
 * Picks a content coding from {@code Accept-Encoding} (RFC 9110 §12.5.3): the acceptable one of gzip
 * and deflate with the higher weight, gzip on a tie. {@code *} stands for codings not listed;
 * {@code q=0} refuses.
 */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /** {@code "gzip"}, {@code "deflate"}, or {@code null} when the client accepts neither. */
    static String choose(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = weight(pieces);
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "deflate" -> deflate = Math.max(deflate, q);
                case "*" -> any = Math.max(any, q);
                default -> { }
            }
        }
        gzip = gzip < 0 ? any : gzip;
        deflate = deflate < 0 ? any : deflate;
        if (gzip <= 0 && deflate <= 0) {
            return null;
        }
        return gzip >= deflate ? "gzip" : "deflate";
    }

    private static double weight(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
