package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A client that logs in in a loop cannot grow the heap: the store keeps the newest tokens only. */
class TokenStoreTest {
    @Test
    void theOldestTokenGoesWhenTheStoreIsFull() {
        TokenStore tokens = new TokenStore();
        String first = tokens.issue("demo");
        String second = tokens.issue("demo");
        for (int i = 2; i < TokenStore.MOST_TOKENS; i++) {
            tokens.issue("demo");
        }
        assertEquals("demo", tokens.user(first), "full, not yet over");
        String newest = tokens.issue("demo");
        assertNull(tokens.user(first), "the oldest token made room");
        assertEquals("demo", tokens.user(second));
        assertEquals("demo", tokens.user(newest));
        assertNull(tokens.user("not-a-token"));
    }
}
