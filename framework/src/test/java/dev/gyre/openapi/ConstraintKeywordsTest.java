package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each Bean Validation constraint on each kind of schema it applies to, read from annotated fixture fields. */
class ConstraintKeywordsTest {
    private final BeanValidationKeywords keywords = new BeanValidationKeywords();

    @SuppressWarnings("unused")
    private static final class Annotated {
        @NotBlank String notBlank;
        @NotEmpty String notEmpty;
        @Size(min = 1, max = 9) String size;
        @Size String sizeWithDefaults;
        @Min(3) @Max(7) int minMax;
        @DecimalMin("0.5") @DecimalMax(value = "10", inclusive = false) BigDecimal decimal;
        @Positive int positive;
        @PositiveOrZero int positiveOrZero;
        @Negative int negative;
        @NegativeOrZero int negativeOrZero;
        @Pattern(regexp = "a|b") String pattern;
        @Pattern(regexp = "^a$") String anchored;
        @Pattern(regexp = "^price\\$") String endsWithLiteralDollar;
        @Email String email;
        @NotNull String notNull;
        @Min(0) @Positive int both;
    }

    private String apply(String field, String type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        keywords.apply(annotations(field), schema);
        return JsonWriter.write(schema);
    }

    private static Annotation[] annotations(String field) {
        try {
            return Annotated.class.getDeclaredField(field).getAnnotations();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void notBlankIsAMinimumLengthOnStringsOnly() {
        assertEquals("{\"type\":\"string\",\"minLength\":1}", apply("notBlank", "string"));
        assertEquals("{\"type\":\"array\"}", apply("notBlank", "array"));
    }

    @Test
    void notEmptyDependsOnTheKindOfValue() {
        assertEquals("{\"type\":\"string\",\"minLength\":1}", apply("notEmpty", "string"));
        assertEquals("{\"type\":\"array\",\"minItems\":1}", apply("notEmpty", "array"));
        assertEquals("{\"type\":\"object\",\"minProperties\":1}", apply("notEmpty", "object"));
        assertEquals("{\"type\":\"integer\"}", apply("notEmpty", "integer"));
    }

    @Test
    void sizeBoundsLengthItemsOrProperties() {
        assertEquals("{\"type\":\"string\",\"minLength\":1,\"maxLength\":9}", apply("size", "string"));
        assertEquals("{\"type\":\"array\",\"minItems\":1,\"maxItems\":9}", apply("size", "array"));
        assertEquals("{\"type\":\"object\",\"minProperties\":1,\"maxProperties\":9}", apply("size", "object"));
        assertEquals("{\"type\":\"string\"}", apply("sizeWithDefaults", "string"));
        assertEquals("{\"type\":\"number\"}", apply("size", "number"));
    }

    @Test
    void numericBounds() {
        assertEquals("{\"type\":\"integer\",\"minimum\":3,\"maximum\":7}", apply("minMax", "integer"));
        assertEquals("{\"type\":\"number\",\"minimum\":0.5,\"exclusiveMaximum\":10}", apply("decimal", "number"));
        assertEquals("{\"type\":\"integer\",\"exclusiveMinimum\":0}", apply("positive", "integer"));
        assertEquals("{\"type\":\"integer\",\"minimum\":0}", apply("positiveOrZero", "integer"));
        assertEquals("{\"type\":\"integer\",\"exclusiveMaximum\":0}", apply("negative", "integer"));
        assertEquals("{\"type\":\"integer\",\"maximum\":0}", apply("negativeOrZero", "integer"));
        assertEquals("{\"type\":\"string\"}", apply("minMax", "string"));
    }

    @Test
    void boundsOnlyTighten() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("minimum", 5);
        schema.put("maximum", 6);
        keywords.apply(annotations("minMax"), schema);
        assertEquals("{\"type\":\"integer\",\"minimum\":5,\"maximum\":6}", JsonWriter.write(schema));
    }

    @Test
    void inclusiveAndExclusiveBoundsCoexist() {
        assertEquals("{\"type\":\"integer\",\"minimum\":0,\"exclusiveMinimum\":0}", apply("both", "integer"));
    }

    @Test
    void patternsAreAnchoredLikeBeanValidationMatches() {
        assertEquals("{\"type\":\"string\",\"pattern\":\"^(?:a|b)$\"}", apply("pattern", "string"));
        assertEquals("{\"type\":\"string\",\"pattern\":\"^a$\"}", apply("anchored", "string"));
        assertEquals("{\"type\":\"string\",\"pattern\":\"^(?:^price\\\\$)$\"}", apply("endsWithLiteralDollar", "string"));
    }

    @Test
    void emailIsAFormat() {
        assertEquals("{\"type\":\"string\",\"format\":\"email\"}", apply("email", "string"));
    }

    @Test
    void notNullNotBlankAndNotEmptyRequireAValue() {
        assertTrue(keywords.requiresValue(annotations("notNull")));
        assertTrue(keywords.requiresValue(annotations("notBlank")));
        assertTrue(keywords.requiresValue(annotations("notEmpty")));
        assertFalse(keywords.requiresValue(annotations("size")));
        assertEquals("{\"type\":\"string\"}", apply("notNull", "string"));
    }

    @Test
    void nothingIsAppliedToASchemaWithoutType() {
        Map<String, Object> schema = new LinkedHashMap<>();
        keywords.apply(annotations("size"), schema);
        keywords.apply(annotations("minMax"), schema);
        assertTrue(schema.isEmpty());
    }
}
