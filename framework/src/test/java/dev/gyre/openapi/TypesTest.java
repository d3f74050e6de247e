package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypesTest {
    static class StringMap<V> extends HashMap<String, List<V>> {
    }

    @Test
    void supertypeArgumentsFollowTheHierarchy() {
        Type type = new TypeRef<StringMap<Integer>>() { }.type();
        assertArrayEquals(new Type[] {String.class, new TypeRef<List<Integer>>() { }.type()},
                Types.supertypeArguments(type, Map.class));
        assertArrayEquals(new Type[] {String.class}, Types.supertypeArguments(Fixtures.Tags.class, Collection.class));
        assertArrayEquals(new Type[] {Object.class}, Types.supertypeArguments(List.class, Collection.class));
    }

    @Test
    void resolutionReplacesWildcardsAndUnboundVariables() {
        assertEquals(new TypeRef<List<Number>>() { }.type(),
                Types.resolve(new TypeRef<List<? extends Number>>() { }.type(), Map.of()));
        assertEquals(new TypeRef<List<Object>>() { }.type(), Types.resolve(new TypeRef<List<?>>() { }.type(), Map.of()));
    }

    @Test
    void keysAreCanonical() {
        assertEquals("java.util.Map<java.lang.String,java.util.List<java.lang.Integer>>",
                Types.key(new TypeRef<Map<String, List<Integer>>>() { }.type()));
        assertEquals("java.lang.String[]", Types.key(String[].class));
        assertEquals("java.util.List<java.lang.String>[]", Types.key(new TypeRef<List<String>[]>() { }.type()));
        assertEquals("dev.gyre.openapi.TypesTest$StringMap<java.lang.Integer>",
                Types.key(new TypeRef<StringMap<Integer>>() { }.type()));
    }
}
