package dev.gyre.files;

import dev.gyre.http.Request;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The conditional request header fields of RFC 9110 §13, evaluated in the order of §13.2.2 for a {@code GET}
 * or {@code HEAD} of a static representation with a strong {@code ETag} and, when known, a modification
 * time.
 *
 * <p>Dates are accepted in the IMF-fixdate form every current client sends
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}); a date in an obsolete form, or an invalid one, makes its field
 * ignored, as §13.1.3 asks of an invalid date. Times compare in whole seconds, the precision of the
 * {@code Last-Modified} field.
 */
final class Preconditions {
    /** RFC 9110 §5.6.7; unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME} it pads the day to two digits. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** What the evaluation decided. */
    enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

    private Preconditions() {
    }

    /**
     * {@link Outcome#FAILED} ({@code 412}) when {@code If-Match} or {@code If-Unmodified-Since} does not hold,
     * {@link Outcome#NOT_MODIFIED} ({@code 304}) when {@code If-None-Match} matches or, without it,
     * {@code If-Modified-Since} is not older than the file, else {@link Outcome#PROCEED}.
     *
     * @param lastModified seconds since the epoch, or -1 when unknown (the date fields are then ignored)
     */
    static Outcome evaluate(Request request, String etag, long lastModified) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (!anyMatches(ifMatch, etag, true)) {
                return Outcome.FAILED;
            }
        } else {
            long since = seconds(request.header("If-Unmodified-Since"));
            if (since >= 0 && lastModified > since) {
                return Outcome.FAILED;
            }
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return anyMatches(ifNoneMatch, etag, false) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        long since = seconds(request.header("If-Modified-Since"));
        return since >= 0 && lastModified >= 0 && lastModified <= since ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} may be honoured (RFC 9110 §13.1.5): yes without {@code If-Range}; with one, only
     * if its entity tag matches {@code etag} strongly, or its date is exactly the modification time.
     */
    static boolean rangeApplies(Request request, String etag, long lastModified) {
        String ifRange = request.header("If-Range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return strongMatch(value, etag);
        }
        long date = seconds(value);
        return date >= 0 && date == lastModified;
    }

    /**
     * Whether a list of entity tags ({@code If-Match}, {@code If-None-Match}) holds {@code *} or names
     * {@code etag}; strong comparison ignores weak tags, weak comparison ignores the {@code W/} prefix
     * (RFC 9110 §8.8.3.2).
     */
    static boolean anyMatches(String list, String etag, boolean strong) {
        for (String candidate : list.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (strong ? strongMatch(tag, etag) : opaque(tag).equals(opaque(etag)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean strongMatch(String tag, String etag) {
        return !tag.startsWith("W/") && tag.equals(etag);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** An IMF-fixdate as seconds since the epoch, or -1 when absent or not one. */
    static long seconds(String date) {
        if (date == null) {
            return -1;
        }
        try {
            return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeException e) {
            return -1;
        }
    }

    /** Seconds since the epoch as an IMF-fixdate, for {@code Last-Modified}. */
    static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
    }
}
