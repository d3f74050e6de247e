package dev.gyre.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Jackson's read errors in Gyre's own short words, for the client: Jackson's text names its classes and
 * features ("enable {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}", "from {@code StreamReadConstraints}")
 * and a constraint error has no position. The location is the token's where Jackson knows it, else where the
 * parser stopped; line and column are 1-based.
 *
 * <table>
 *   <caption>What each error says</caption>
 *   <tr><th>Jackson's error</th><th>the message</th></tr>
 *   <tr><td>end of input inside a value</td><td>the document ends inside a value</td></tr>
 *   <tr><td>a number, string, name or nesting past {@link StreamReadConstraints}</td><td>a number longer than N
 *       digits, a string longer than N characters, a property name longer than N characters, nested deeper than
 *       N levels</td></tr>
 *   <tr><td>anything else (a bad token, {@code NaN}, a missing comma)</td><td>not a JSON value</td></tr>
 * </table>
 */
final class MalformedJson {
    private MalformedJson() {
    }

    /** {@code e} located where Jackson says, else at {@code stopped}: where the parser was when it threw. */
    static JsonReadException of(JsonProcessingException e, JsonLocation stopped, StreamReadConstraints limits) {
        JsonLocation at = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : stopped;
        return at(describe(e, limits), at, e);
    }

    static JsonReadException at(String message, JsonLocation at, Throwable cause) {
        boolean known = at != null && at.getLineNr() > 0;
        return JsonReadException.malformed(message, known ? at.getLineNr() : 0, known ? at.getColumnNr() : 0, cause);
    }

    private static String describe(JsonProcessingException e, StreamReadConstraints limits) {
        if (e instanceof JsonEOFException) {
            return "the document ends inside a value";
        }
        if (e instanceof StreamConstraintsException) {
            String text = e.getOriginalMessage();
            if (text.startsWith("Number value length")) {
                return "a number longer than " + limits.getMaxNumberLength() + " digits";
            }
            if (text.startsWith("String value length")) {
                return "a string longer than " + limits.getMaxStringLength() + " characters";
            }
            if (text.startsWith("Name length")) {
                return "a property name longer than " + limits.getMaxNameLength() + " characters";
            }
            if (text.startsWith("Document nesting depth")) {
                return "nested deeper than " + limits.getMaxNestingDepth() + " levels";
            }
            return "a value past the parser's limits";
        }
        return "not a JSON value";
    }
}
