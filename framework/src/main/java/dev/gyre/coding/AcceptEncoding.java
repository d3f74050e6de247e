package dev.gyre.coding;

import dev.gyre.middleware.ContentCoding;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses a content coding from {@code Accept-Encoding} (RFC 9110 §12.5.3), by weight.
 *
 * <p>Each element is a coding with an optional {@code q} weight (1 when absent; a malformed weight counts as
 * 0, a refusal). A coding the client names gets its own weight, {@code x-gzip} counting as {@code gzip};
 * one it does not name gets the weight of {@code *}, or is not acceptable when there is no {@code *}. A weight
 * of 0 refuses. Of the codings the server offers, the one with the highest weight wins, the first offered on a
 * tie. Without the field, or with an empty one, the client states no preference: that allows any coding
 * but does not promise it can decode one, so the answer is the identity. Stateless and thread-safe.
 */
public final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * @param header  the request's {@code Accept-Encoding}, or {@code null}
     * @param offered the codings the server can send this time, the preferred first
     * @return the coding to send, or {@code null} for the identity (the body as it is)
     */
    public static ContentCoding choose(String header, List<ContentCoding> offered) {
        if (header == null || header.isBlank() || offered.isEmpty()) {
            return null;
        }
        Map<ContentCoding, Double> named = new EnumMap<>(ContentCoding.class);
        double wildcard = -1;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = weight(parts);
            if (name.equals("*")) {
                wildcard = Math.max(wildcard, q);
            } else {
                ContentCoding coding = byToken(name);
                if (coding != null) {
                    named.merge(coding, q, Math::max);
                }
            }
        }
        ContentCoding best = null;
        double bestWeight = 0;
        for (ContentCoding coding : offered) {
            double q = named.getOrDefault(coding, wildcard);
            if (q > bestWeight) {
                best = coding;
                bestWeight = q;
            }
        }
        return best;
    }

    private static ContentCoding byToken(String name) {
        if (name.equals("x-gzip")) {
            return ContentCoding.GZIP;
        }
        for (ContentCoding coding : ContentCoding.values()) {
            if (coding.token().equals(name)) {
                return coding;
            }
        }
        return null;
    }

    /** The {@code q} parameter of an element, 1 when absent; a malformed weight counts as 0. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
