package dev.gyre.handler.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-slot cache of a String route's encoded answer: reused for the same instance only. */
class LastTextTest {
    @Test
    void theSameInstanceGetsTheSameBytesAndAnyOtherItsOwn() {
        LastText last = new LastText();
        String constant = "Hello, World!";
        byte[] first = last.utf8(constant);
        assertSame(first, last.utf8(constant));
        String equal = new String("Hello, World!".toCharArray());
        byte[] other = last.utf8(equal);
        assertNotSame(first, other);
        assertArrayEquals(first, other);
        assertArrayEquals("héllo €".getBytes(StandardCharsets.UTF_8), last.utf8("héllo €"));
        assertArrayEquals(first, last.utf8(constant), "after a miss, encoded again, never another's bytes");
    }
}
