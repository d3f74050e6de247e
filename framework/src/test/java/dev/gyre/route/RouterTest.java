package dev.gyre.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Router<String> router(String... methodAndTemplate) {
        Router<String> r = new Router<>();
        for (String mt : methodAndTemplate) {
            String[] p = mt.split(" ");
            r.add(p[0], PathTemplate.parse(p[1]), mt, mt);
        }
        return r.freeze();
    }

    @Test
    void literalAndParameterRoutes() {
        Router<String> r = router("GET /", "GET /items", "GET /items/{id}", "GET /items/{id}/tags/{tag}");
        assertEquals("GET /", r.match("GET", "/").target());
        assertEquals("GET /items", r.match("GET", "/items").target());
        RouteMatch<String> m = r.match("GET", "/items/7/tags/red");
        assertEquals("GET /items/{id}/tags/{tag}", m.target());
        assertEquals(Map.of("id", "7", "tag", "red"), m.pathParams());
    }

    @Test
    void literalBeatsParameterAndBacktracks() {
        Router<String> r = router("GET /a/new/x", "GET /a/{id}/y", "GET /a/new");
        assertEquals("GET /a/new", r.match("GET", "/a/new").target());
        assertEquals("GET /a/new/x", r.match("GET", "/a/new/x").target());
        assertEquals("GET /a/{id}/y", r.match("GET", "/a/new/y").target(), "literal branch fails, parameter matches");
    }

    @Test
    void trailingSlashAndEmptySegmentsDoNotMatchParameters() {
        Router<String> r = router("GET /items/{id}");
        assertFalse(r.match("GET", "/items/").found());
        assertFalse(r.match("GET", "/items").found());
        assertFalse(r.match("GET", "/items/1/").found());
    }

    @Test
    void percentEncodingIsDecodedPerSegment() {
        Router<String> r = router("GET /files/{name}", "GET /items");
        assertEquals(Map.of("name", "a/b c"), r.match("GET", "/files/a%2Fb%20c").pathParams());
        assertEquals("GET /items", r.match("GET", "/it%65ms").target());
        assertThrows(IllegalArgumentException.class, () -> r.match("GET", "/files/%zz"));
        assertThrows(IllegalArgumentException.class, () -> r.match("GET", "/files/%2"));
    }

    @Test
    void headFallsBackToGetAndWrongMethodListsAllowed() {
        Router<String> r = router("GET /x", "POST /x", "DELETE /y/{id}");
        assertEquals("GET /x", r.match("HEAD", "/x").target());
        RouteMatch<String> m = r.match("PUT", "/x");
        assertTrue(m.methodNotAllowed());
        assertEquals(java.util.List.of("GET", "HEAD", "OPTIONS", "POST"), java.util.List.copyOf(m.allowed()));
        assertEquals(Set.of("DELETE", "OPTIONS"), r.match("GET", "/y/1").allowed());
        assertFalse(r.match("GET", "/z").methodNotAllowed());
    }

    @Test
    void methodFromAnotherCandidateIsFound() {
        Router<String> r = router("POST /a/b", "GET /a/{x}");
        assertEquals("GET /a/{x}", r.match("GET", "/a/b").target());
        assertEquals("POST /a/b", r.match("POST", "/a/b").target());
    }

    @Test
    void tailParameterTakesTheRestOfThePath() {
        Router<String> r = router("GET /static/{path...}", "GET /static/index.html", "GET /static/{dir}/x");
        assertEquals(Map.of("path", "css/site/a.css"), r.match("GET", "/static/css/site/a.css").pathParams());
        assertEquals("GET /static/index.html", r.match("GET", "/static/index.html").target());
        assertEquals("GET /static/{dir}/x", r.match("GET", "/static/a/x").target(), "a one-segment parameter wins");
        assertEquals(Map.of("path", "a/y"), r.match("GET", "/static/a/y").pathParams());
        assertFalse(r.match("GET", "/static").found(), "a tail takes at least one segment");
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{rest...}/b"));
    }

    @Test
    void clashesAreRejected() {
        Router<String> r = new Router<>();
        r.add("GET", PathTemplate.parse("/a/{x}"), "one", "One#x");
        var e = assertThrows(IllegalArgumentException.class,
                () -> r.add("GET", PathTemplate.parse("/a/{y}"), "two", "Two#y"));
        assertTrue(e.getMessage().contains("One#x") && e.getMessage().contains("Two#y"));
        r.add("POST", PathTemplate.parse("/a/{y}"), "three", "Three#y");
    }

    @Test
    void badTemplatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("items"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{x}{y}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{x}/{x}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/pre{x}"));
    }

    @Test
    void segmentsWithTheSameHashAreTold() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        Router<String> r = router("GET /Aa/{id}", "GET /BB/{id}", "GET /x/Aa/y", "POST /x/BB/{z}");
        assertEquals("GET /Aa/{id}", r.match("GET", "/Aa/1").target());
        assertEquals("GET /BB/{id}", r.match("GET", "/BB/1").target());
        assertEquals("GET /x/Aa/y", r.match("GET", "/x/Aa/y").target());
        assertEquals(Set.of("POST", "OPTIONS"), r.match("GET", "/x/BB/y").allowed());
        assertFalse(r.match("GET", "/Ab/1").found());
        assertFalse(r.match("GET", "/A/1").found());
    }

    @Test
    void escapesAreDecodedBeforeLiteralsAreCompared() {
        Router<String> r = router("GET /items/{id}/tags", "GET /items/new/tags", "PUT /caf\u00e9/{x}");
        assertEquals("GET /items/new/tags", r.match("GET", "/items/n%65w/tags").target());
        assertEquals(Map.of("id", "a/b"), r.match("GET", "/items/a%2Fb/tags").pathParams());
        assertEquals(Set.of("PUT", "OPTIONS"), r.match("GET", "/caf%C3%A9/1").allowed());
        assertThrows(IllegalArgumentException.class, () -> r.match("GET", "/elsewhere/%zz"),
                "a malformed escape is refused even where no route could match");
    }

    @Test
    void aPathNoRouteEndsAtIsNotFoundWithoutAllowedMethods() {
        Router<String> r = router("GET /ws/echo", "GET /ws/chat/{room}", "GET /files/{path...}");
        for (String path : new String[] {"/plaintext", "/", "/ws", "/ws/chat", "/ws/chat/a/b", "/wsx/echo"}) {
            RouteMatch<String> m = r.match("GET", path);
            assertFalse(m.found(), path);
            assertFalse(m.methodNotAllowed(), path);
        }
        assertEquals(Map.of("room", "lobby"), r.match("GET", "/ws/chat/lobby").pathParams());
        assertEquals(Map.of("path", "a/b"), r.match("GET", "/files/a/b").pathParams());
    }
}
