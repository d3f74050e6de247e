package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parsing rules behind static files, where a socket would only hide the case. */
class StaticRulesTest {

    @Test
    void rangesBeyondLongStillMeanPastTheEndOrEverything() {
        assertFalse(ByteRange.parse("bytes=99999999999999999999-", 10).satisfiable());
        assertEquals(new ByteRange(3, 9, true), ByteRange.parse("bytes=3-99999999999999999999", 10));
        assertEquals(new ByteRange(0, 9, true), ByteRange.parse("bytes=-99999999999999999999", 10));
        assertEquals(ByteRange.whole(), ByteRange.parse(null, 10));
        assertEquals(new ByteRange(1, 2, true), ByteRange.parse("bytes= 1-2 ,", 10), "optional whitespace, empty element");
    }

    @ParameterizedTest
    @CsvSource({"/a/b.txt, /a/b.txt", "/h%65llo, /hello", "/%C3%A9t%C3%A9, /été", "/a+b, /a+b", "/%2e%2e/x, /../x"})
    void pathsArePercentDecodedAsUtf8(String raw, String decoded) {
        assertEquals(decoded, RequestPaths.decode(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a%5Cb", "/a%", "/a%2", "/a%zz", "/%ff", "/%C3", "/é"})
    void encodedSeparatorsAndBadEscapesDecodeToNothing(String raw) {
        assertNull(RequestPaths.decode(raw), raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.txt", "a/b/c.css", "a/", "", "a.b/c..d"})
    void safePaths(String path) {
        assertTrue(StaticFiles.isSafe(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", ".", "./a", ".env", "a/.git/config", "a//b", "/a", "a\\b", "a\0b"})
    void unsafePaths(String path) {
        assertFalse(StaticFiles.isSafe(path), path);
    }

    @Test
    void datesAreImfFixdates() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", Preconditions.format(784111777));
        assertEquals(784111777, Preconditions.seconds("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(-1, Preconditions.seconds("Sunday, 06-Nov-94 08:49:37 GMT"), "obsolete forms are ignored");
        assertEquals(-1, Preconditions.seconds("Mon, 06 Nov 1994 08:49:37 GMT"), "wrong weekday");
    }
}
