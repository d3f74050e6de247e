package dev.gyre.openapi;

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
import java.util.Map;

/**
 * Maps the Bean Validation built-in constraints to JSON Schema 2020-12 keywords. Loaded only when the API is
 * present (see {@link ConstraintKeywords#detect()}); no other class of the package may refer to its types.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>constraint</th><th>string</th><th>array</th><th>object (map)</th><th>integer, number</th></tr>
 *   <tr><td>{@code @NotBlank}</td><td>minLength 1</td><td></td><td></td><td></td></tr>
 *   <tr><td>{@code @NotEmpty}</td><td>minLength 1</td><td>minItems 1</td><td>minProperties 1</td><td></td></tr>
 *   <tr><td>{@code @Size}</td><td>min/maxLength</td><td>min/maxItems</td><td>min/maxProperties</td><td></td></tr>
 *   <tr><td>{@code @Min}, {@code @Max}</td><td></td><td></td><td></td><td>minimum, maximum</td></tr>
 *   <tr><td>{@code @DecimalMin}, {@code @DecimalMax}</td><td></td><td></td><td></td>
 *       <td>minimum/maximum, or exclusiveMinimum/Maximum when not inclusive</td></tr>
 *   <tr><td>{@code @Positive}, {@code @PositiveOrZero}</td><td></td><td></td><td></td>
 *       <td>exclusiveMinimum 0, minimum 0</td></tr>
 *   <tr><td>{@code @Negative}, {@code @NegativeOrZero}</td><td></td><td></td><td></td>
 *       <td>exclusiveMaximum 0, maximum 0</td></tr>
 *   <tr><td>{@code @Pattern}</td><td>pattern, anchored</td><td></td><td></td><td></td></tr>
 *   <tr><td>{@code @Email}</td><td>format email</td><td></td><td></td><td></td></tr>
 * </table>
 *
 * <p>A bound only ever tightens what the type already says: {@code @Min(-1000)} on a {@code byte} keeps
 * {@code minimum: -128}. {@code @Pattern} matches the whole value in Bean Validation but any substring in JSON
 * Schema, so the regular expression is anchored with {@code ^(?:…)$}; its flags have no JSON Schema equivalent
 * and are dropped. Validation groups are ignored: a constraint of any group is documented. Repeated constraints
 * ({@code @Size.List}) and {@code @Digits} are not mapped.
 */
final class BeanValidationKeywords implements ConstraintKeywords {
    @Override
    public void apply(Annotation[] annotations, Map<String, Object> schema) {
        String type = schema.get("type") instanceof String t ? t : "";
        boolean numeric = type.equals("integer") || type.equals("number");
        for (Annotation annotation : annotations) {
            switch (annotation) {
                case NotBlank n when type.equals("string") -> lower(schema, "minLength", 1);
                case NotEmpty n -> size(schema, type, 1, Integer.MAX_VALUE);
                case Size s -> size(schema, type, s.min(), s.max());
                case Min m when numeric -> lower(schema, "minimum", m.value());
                case Max m when numeric -> upper(schema, "maximum", m.value());
                case DecimalMin d when numeric ->
                        lower(schema, d.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(d.value()));
                case DecimalMax d when numeric ->
                        upper(schema, d.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(d.value()));
                case Positive p when numeric -> lower(schema, "exclusiveMinimum", 0);
                case PositiveOrZero p when numeric -> lower(schema, "minimum", 0);
                case Negative n when numeric -> upper(schema, "exclusiveMaximum", 0);
                case NegativeOrZero n when numeric -> upper(schema, "maximum", 0);
                case Pattern p when type.equals("string") -> schema.put("pattern", anchored(p.regexp()));
                case Email e when type.equals("string") -> schema.put("format", "email");
                default -> { }
            }
        }
    }

    @Override
    public boolean requiresValue(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof NotNull || annotation instanceof NotBlank || annotation instanceof NotEmpty) {
                return true;
            }
        }
        return false;
    }

    private static void size(Map<String, Object> schema, String type, int min, int max) {
        String[] keywords = switch (type) {
            case "string" -> new String[] {"minLength", "maxLength"};
            case "array" -> new String[] {"minItems", "maxItems"};
            case "object" -> new String[] {"minProperties", "maxProperties"};
            default -> null;
        };
        if (keywords != null && min > 0) {
            lower(schema, keywords[0], min);
        }
        if (keywords != null && max != Integer.MAX_VALUE) {
            upper(schema, keywords[1], max);
        }
    }

    private static void lower(Map<String, Object> schema, String keyword, Number bound) {
        Object current = schema.get(keyword);
        if (current == null || decimal(bound).compareTo(decimal((Number) current)) > 0) {
            schema.put(keyword, bound);
        }
    }

    private static void upper(Map<String, Object> schema, String keyword, Number bound) {
        Object current = schema.get(keyword);
        if (current == null || decimal(bound).compareTo(decimal((Number) current)) < 0) {
            schema.put(keyword, bound);
        }
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
    }

    private static String anchored(String regexp) {
        boolean anchored = regexp.startsWith("^") && regexp.endsWith("$") && !regexp.endsWith("\\$");
        return anchored ? regexp : "^(?:" + regexp + ")$";
    }
}
