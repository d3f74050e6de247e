package dev.gyre.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * A JSON number too large for a {@code double} or {@code float} ({@code 1e400}) is a type mismatch, as a number
 * too large for an {@code int} is, rather than silently {@code Infinity}. The strings {@code "Infinity"} and
 * {@code "NaN"}, which Jackson accepts for floating-point values on purpose, are left alone.
 */
final class FiniteFloats {
    private FiniteFloats() {
    }

    static SimpleModule module() {
        return new SimpleModule("gyre-finite-floats")
                .addDeserializer(Double.class, new FiniteDouble(Double.class, null))
                .addDeserializer(double.class, new FiniteDouble(Double.TYPE, 0.0))
                .addDeserializer(Float.class, new FiniteFloat(Float.class, null))
                .addDeserializer(float.class, new FiniteFloat(Float.TYPE, 0.0f));
    }

    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            return value != null && value.isInfinite() && p.currentToken().isNumeric()
                    ? (Double) ctxt.handleWeirdNumberValue(_valueClass, p.getNumberValue(), "out of range for a double")
                    : value;
        }
    }

    private static final class FiniteFloat extends NumberDeserializers.FloatDeserializer {
        FiniteFloat(Class<Float> type, Float nullValue) {
            super(type, nullValue);
        }

        @Override
        public Float deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Float value = super.deserialize(p, ctxt);
            return value != null && value.isInfinite() && p.currentToken().isNumeric()
                    ? (Float) ctxt.handleWeirdNumberValue(_valueClass, p.getNumberValue(), "out of range for a float")
                    : value;
        }
    }
}
