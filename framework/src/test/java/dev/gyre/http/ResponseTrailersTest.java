package dev.gyre.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Response#trailer}: names checked at the call, the {@code Trailer} field kept, values asked for late. */
class ResponseTrailersTest {

    @Test
    void forbiddenNamesAreRefusedAtTheCallAndLeaveTheResponseAsItWas() {
        for (String name : List.of("Content-Length", "transfer-encoding", "HOST", "Authorization", "Set-Cookie",
                "Content-Type", "Content-Encoding", "Trailer", "TE", "Cache-Control", "Retry-After", "Location")) {
            Response r = Response.text("x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.trailer(name, () -> "1"));
            assertEquals(name + " may not be sent as a trailer field (RFC 9110 §6.5.1)", e.getMessage());
            assertTrue(r.trailerNames().isEmpty(), name);
            assertFalse(r.headers().contains("Trailer"), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Response.text("x").trailer("bad name", () -> "1"));
        assertThrows(IllegalArgumentException.class, () -> Response.text("x").trailer("", () -> "1"));
        assertThrows(NullPointerException.class, () -> Response.text("x").trailer("x-a", null));
    }

    @Test
    void namesAreAnnouncedInOrderAndValuesAskedForOnlyWhenTheTrailersAre() {
        AtomicInteger asked = new AtomicInteger();
        Response r = Response.text("x").trailer("x-a", () -> "a" + asked.incrementAndGet())
                .trailer("x-none", () -> null).trailer("grpc-status", () -> "0");
        assertEquals(0, asked.get(), "not asked while the response is built");
        assertEquals(List.of("x-a", "x-none", "grpc-status"), r.trailerNames());
        assertEquals("x-a, x-none, grpc-status", r.headers().get("Trailer"));
        Headers fields = r.trailers();
        assertEquals(2, fields.size(), "a null value leaves its field out");
        assertEquals("a1", fields.get("x-a"));
        assertEquals("0", fields.get("grpc-status"));
        assertThrows(UnsupportedOperationException.class, () -> r.trailerNames().add("x-b"));
    }

    @Test
    void aValueThatCouldSplitTheMessageOrASupplierThatThrowsFailsTheTrailers() {
        Response split = Response.text("x").trailer("x-a", () -> "a\r\nInjected: 1");
        assertThrows(IllegalArgumentException.class, split::trailers);
        Response failing = Response.text("x").trailer("x-a", () -> {
            throw new IllegalStateException("down");
        });
        assertEquals("down", assertThrows(IllegalStateException.class, failing::trailers).getMessage());
    }
}
