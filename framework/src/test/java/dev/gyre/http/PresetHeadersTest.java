package dev.gyre.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Responses made by {@code Response.text} and {@code Response.bytes} share a read-only preset of their
 * {@code Content-Type} until they change their headers: a change to one must never show in another.
 */
class PresetHeadersTest {
    @Test
    void aFieldAddedToOneResponseIsItsAlone() {
        Response first = Response.text("a").header("X-Tag", "1");
        Response second = Response.text("b");
        assertEquals("1", first.headers().get("X-Tag"));
        assertEquals(2, first.headers().size());
        assertNull(second.headers().get("X-Tag"));
        assertEquals(1, second.headers().size());
        assertEquals("text/plain; charset=utf-8", second.headers().get("Content-Type"));
    }

    @Test
    void replacingOrRemovingThePresetFieldLeavesThePresetAsItWas() {
        Response json = Response.bytes(new byte[] {'{', '}'}, "application/json");
        json.headers().set("Content-Type", "application/problem+json");
        Response removed = Response.bytes(new byte[0], "application/json");
        removed.headers().remove("Content-Type");
        assertEquals("application/problem+json", json.headers().get("Content-Type"));
        assertFalse(removed.headers().contains("Content-Type"));
        assertEquals("application/json", Response.bytes(new byte[0], "application/json").headers().get("Content-Type"));
        Response cleared = Response.text("c");
        cleared.headers().clear();
        assertEquals(0, cleared.headers().size());
        assertEquals(1, Response.text("d").headers().size());
    }

    @Test
    void aTypeWithoutPresetIsSetAsBeforeAndStillChecked() {
        assertEquals("image/png", Response.bytes(new byte[0], "image/png").headers().get("Content-Type"));
        assertThrows(IllegalArgumentException.class, () -> Response.bytes(new byte[0], "text/plain\r\nX: y"));
    }

    @Test
    void manyFieldsGrowPastThePresetsExactArray() {
        Response r = Response.text("e");
        for (int i = 0; i < 20; i++) {
            r.header("X-" + i, Integer.toString(i));
        }
        assertEquals(21, r.headers().size());
        assertEquals("19", r.headers().get("X-19"));
        assertEquals(1, Response.text("f").headers().size());
    }
}
