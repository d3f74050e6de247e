package dev.gyre.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * A JSON number too large for a {@code double} or {@code float} ({@code 1e400}) is a type mismatch, as a number
 * too large for an {@code int} is, rather than silently {@code Infinity}. Jackson's own deserializers do the
 * reading (null handling, coercion, the strings {@code "Infinity"} and {@code "NaN"}, which stay allowed); this
 * only looks at what a JSON number became.
 */
final class FiniteFloats {
    private FiniteFloats() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("gyre-finite-floats");
        for (Class<?> type : new Class<?>[] {Double.class, double.class, Float.class, float.class}) {
            add(module, type);
        }
        return module;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void add(SimpleModule module, Class<T> type) {
        module.addDeserializer(type, (JsonDeserializer) new Finite(NumberDeserializers.find(type, type.getName())));
    }

    private static final class Finite extends DelegatingDeserializer {
        Finite(JsonDeserializer<?> plain) {
            super(plain);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> plain) {
            return new Finite(plain);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Number n && Double.isInfinite(n.doubleValue()) && p.currentToken().isNumeric()) {
                return ctxt.handleWeirdNumberValue(handledType(), p.getNumberValue(),
                        "out of range for " + handledType().getSimpleName());
            }
            return value;
        }
    }
}
