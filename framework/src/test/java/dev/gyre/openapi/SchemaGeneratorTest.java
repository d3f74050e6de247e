package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.openapi.Fixtures.Address;
import dev.gyre.openapi.Fixtures.Page;
import dev.gyre.openapi.Fixtures.Status;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One test per mapping rule of {@link SchemaGenerator}; the golden files show the rules working together. */
class SchemaGeneratorTest {
    private final SchemaGenerator generator = new SchemaGenerator();

    private String schema(Type type) {
        return JsonWriter.write(generator.schemaFor(type));
    }

    private String component(String name) {
        return JsonWriter.write(generator.components().get(name));
    }

    @Test
    void scalarsAreInline() {
        assertEquals("{\"type\":\"integer\",\"format\":\"int32\"}", schema(int.class));
        assertEquals("{\"type\":\"integer\",\"format\":\"int64\"}", schema(Long.class));
        assertEquals("{\"type\":\"string\",\"format\":\"uuid\"}", schema(UUID.class));
        assertEquals("{\"type\":\"string\",\"format\":\"duration\"}", schema(Duration.class));
        assertEquals("{\"type\":\"string\",\"contentEncoding\":\"base64\"}", schema(byte[].class));
        assertTrue(generator.components().isEmpty());
    }

    @Test
    void voidIsNull() {
        assertEquals("{\"type\":\"null\"}", schema(void.class));
        assertEquals("{\"type\":\"null\"}", schema(Void.class));
    }

    @Test
    void subclassesOfOpenScalarClassesAreScalars() {
        assertEquals("{\"type\":\"string\"}", schema(ZoneOffset.class));
        assertEquals("{\"type\":\"number\"}", schema(AtomicLong.class));
        assertEquals("{\"type\":\"string\",\"format\":\"date-time\"}", schema(java.sql.Timestamp.class));
    }

    @Test
    void objectAndUnknownJdkTypesAreAnyValue() {
        assertEquals("{}", schema(Object.class));
        assertEquals("{}", schema(Thread.class));
        assertTrue(generator.components().isEmpty());
    }

    @Test
    void pathsAreUrisNotIterablesOfThemselves() {
        assertEquals("{\"type\":\"string\",\"format\":\"uri\"}", schema(Path.class));
    }

    /** An inline type that contains itself, which only a named type could describe. */
    static final class Chain implements Iterable<Chain> {
        @Override
        public java.util.Iterator<Chain> iterator() {
            return java.util.Collections.emptyIterator();
        }
    }

    @Test
    void anInlineTypeContainingItselfIsRejectedClearly() {
        var error = assertThrows(IllegalArgumentException.class, () -> generator.schemaFor(Chain.class));
        assertTrue(error.getMessage().contains("without end"), error.getMessage());
        assertEquals("{\"type\":\"string\"}", schema(String.class), "the generator is still usable");
    }

    @Test
    void listsCollectionsAndArraysAreArrays() {
        String strings = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";
        assertEquals(strings, schema(new TypeRef<List<String>>() { }.type()));
        assertEquals(strings, schema(new TypeRef<Collection<String>>() { }.type()));
        assertEquals(strings, schema(new TypeRef<LinkedList<String>>() { }.type()));
        assertEquals(strings, schema(String[].class));
        assertEquals(strings, schema(Fixtures.Tags.class));
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}",
                schema(new TypeRef<List<String>[]>() { }.type()));
        assertEquals("{\"type\":\"array\",\"items\":{}}", schema(List.class));
    }

    @Test
    void setsHaveUniqueItems() {
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"},\"uniqueItems\":true}",
                schema(new TypeRef<SortedSet<Integer>>() { }.type()));
    }

    @Test
    void mapsAreObjectsWithAdditionalProperties() {
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}",
                schema(new TypeRef<Map<String, List<String>>>() { }.type()));
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"boolean\"}}",
                schema(new TypeRef<Map<UUID, Boolean>>() { }.type()));
    }

    @Test
    void wildcardsAreTheirBounds() {
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"number\"}}",
                schema(new TypeRef<List<? extends Number>>() { }.type()));
        assertEquals("{\"type\":\"array\",\"items\":{}}", schema(new TypeRef<List<?>>() { }.type()));
    }

    @Test
    void recordsAreNamedComponents() {
        assertEquals("{\"$ref\":\"#/components/schemas/Address\"}", schema(Address.class));
        assertEquals("{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\",\"minLength\":1},"
                + "\"city\":{\"type\":\"string\",\"minLength\":1},\"zip\":{\"type\":[\"string\",\"null\"]}},"
                + "\"required\":[\"street\",\"city\"]}", component("Address"));
    }

    @Test
    void eachUseGetsItsOwnRefAndTheComponentIsBuiltOnce() {
        var first = generator.schemaFor(Address.class);
        var second = generator.schemaFor(Address.class);
        assertEquals(first, second);
        assertFalse(first == second, "a caller may add keywords to its $ref without touching others");
        assertEquals(List.of("Address"), List.copyOf(generator.components().keySet()));
    }

    @Test
    void enumsAreNamedStringEnumsInBodies() {
        assertEquals("{\"$ref\":\"#/components/schemas/Status\"}", schema(Status.class));
        assertEquals("{\"type\":\"string\",\"enum\":[\"NEW\",\"PAID\",\"SHIPPED\"]}", component("Status"));
    }

    @Test
    void enumConstantsHonourJsonPropertyAndJsonValue() {
        generator.schemaFor(Fixtures.Priority.class);
        generator.schemaFor(Fixtures.Level.class);
        assertEquals("{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}", component("Priority"));
        assertEquals("{\"type\":\"integer\",\"enum\":[10,20]}", component("Level"));
    }

    @Test
    void aClassWithJsonValueIsTheSchemaOfThatValue() {
        assertEquals("{\"type\":\"string\"}", schema(Fixtures.CustomerId.class));
        assertTrue(generator.components().isEmpty());
    }

    @Test
    void optionalAtTheTopIsItsContent() {
        assertEquals("{\"$ref\":\"#/components/schemas/Address\"}", schema(new TypeRef<Optional<Address>>() { }.type()));
        assertEquals("{\"type\":\"integer\",\"format\":\"int64\"}", schema(OptionalLong.class));
        assertTrue(SchemaGenerator.isOptional(new TypeRef<Optional<Address>>() { }.type()));
        assertTrue(SchemaGenerator.isOptional(OptionalLong.class));
        assertFalse(SchemaGenerator.isOptional(Address.class));
    }

    record WithOptionals(Optional<String> text, Optional<Status> status, OptionalLong count,
            List<Optional<String>> holes, @Nullable String nullable, @jakarta.validation.constraints.NotNull Optional<String> present) {
    }

    @Test
    void optionalAndNullableValuesAdmitNullAndAreNotRequired() {
        generator.schemaFor(WithOptionals.class);
        assertEquals("{\"type\":\"object\",\"properties\":{"
                + "\"text\":{\"type\":[\"string\",\"null\"]},"
                + "\"status\":{\"anyOf\":[{\"$ref\":\"#/components/schemas/Status\"},{\"type\":\"null\"}]},"
                + "\"count\":{\"type\":[\"integer\",\"null\"],\"format\":\"int64\"},"
                + "\"holes\":{\"type\":\"array\",\"items\":{\"type\":[\"string\",\"null\"]}},"
                + "\"nullable\":{\"type\":[\"string\",\"null\"]},"
                + "\"present\":{\"type\":\"string\"}},"
                + "\"required\":[\"holes\",\"present\"]}", component("WithOptionals"));
    }

    record Primitives(int number, String text, List<String> list) {
    }

    @Test
    void recordComponentsAreRequiredByDefault() {
        generator.schemaFor(Primitives.class);
        assertTrue(component("Primitives").endsWith("\"required\":[\"number\",\"text\",\"list\"]}"));
    }

    @Test
    void beanPropertiesAreRequiredOnlyWhenMarked() {
        generator.schemaFor(Fixtures.Account.class);
        generator.schemaFor(Fixtures.Profile.class);
        assertTrue(component("Account").endsWith("\"required\":[\"login\"]}"));
        assertTrue(component("Profile").endsWith("\"required\":[\"zone\"]}"));
    }

    @Test
    void beanPropertiesFollowJacksonVisibilityAndNaming() {
        generator.schemaFor(Fixtures.Profile.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) generator.components().get("Profile"))
                .get("properties");
        assertEquals(List.of("version", "nickname", "bio", "display", "active", "url", "password", "motto", "zone"),
                List.copyOf(properties.keySet()));
    }

    @Test
    void jacksonRenamesHidesDescribesAndRestrictsDirection() {
        generator.schemaFor(Fixtures.User.class);
        String user = component("User");
        assertTrue(user.startsWith("{\"type\":\"object\",\"description\":\"A user as the API shows it\""), user);
        assertTrue(user.contains("\"user_name\":{\"type\":\"string\",\"description\":\"The login name\"}"), user);
        assertFalse(user.contains("passwordHash"), user);
        assertTrue(user.contains("\"createdAt\":{\"type\":\"string\",\"format\":\"date-time\",\"readOnly\":true}"), user);
        assertTrue(user.contains("\"password\":{\"type\":\"string\",\"writeOnly\":true}"), user);
    }

    @Test
    void selfReferenceEndsInARef() {
        assertEquals("{\"$ref\":\"#/components/schemas/TreeNode\"}", schema(Fixtures.TreeNode.class));
        assertTrue(component("TreeNode").contains("\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/TreeNode\"}}"));
    }

    @Test
    void genericTypesAreNamedAfterTheirArguments() {
        assertEquals("{\"$ref\":\"#/components/schemas/PageAddress\"}", schema(new TypeRef<Page<Address>>() { }.type()));
        assertEquals("{\"$ref\":\"#/components/schemas/PageListString\"}",
                schema(new TypeRef<Page<List<String>>>() { }.type()));
        assertEquals("{\"$ref\":\"#/components/schemas/PageStatusArray\"}", schema(new TypeRef<Page<Status[]>>() { }.type()));
        assertTrue(component("PageAddress").contains("\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Address\"}}"));
    }

    @Test
    void aRawGenericTypeUsesTheBoundsOfItsParameters() {
        assertEquals("{\"$ref\":\"#/components/schemas/Page\"}", schema(Page.class));
        assertTrue(component("Page").contains("\"items\":{\"type\":\"array\",\"items\":{}}"), component("Page"));
    }

    @Test
    void inheritedGenericPropertiesAreResolved() {
        generator.schemaFor(Fixtures.OrderEnvelope.class);
        assertTrue(component("OrderEnvelope").contains("\"payload\":{\"$ref\":\"#/components/schemas/Order\"}"));
    }

    @Test
    void sameSimpleNamesInDifferentPackagesGetDistinctNames() {
        assertEquals("{\"$ref\":\"#/components/schemas/Item\"}", schema(dev.gyre.openapi.fixtures.shop.Item.class));
        var shop = generator.schemaFor(dev.gyre.openapi.fixtures.shop.Item.class);
        generator.schemaFor(dev.gyre.openapi.fixtures.billing.Item.class);
        assertEquals(List.of("BillingItem", "ShopItem"), List.copyOf(generator.components().keySet()));
        assertEquals("#/components/schemas/ShopItem", shop.get("$ref"), "refs handed out earlier are renamed");
    }

    @Test
    void namesDoNotDependOnDiscoveryOrder() {
        SchemaGenerator reversed = new SchemaGenerator();
        reversed.schemaFor(Fixtures.Catalog.class);
        reversed.schemaFor(Fixtures.Cart.class);
        generator.schemaFor(Fixtures.Cart.class);
        generator.schemaFor(Fixtures.Catalog.class);
        assertEquals(JsonWriter.write(reversed.components()), JsonWriter.write(generator.components()));
    }

    @Test
    void componentsAreSortedByName() {
        generator.schemaFor(Fixtures.Order.class);
        assertEquals(List.of("Address", "LineItem", "Order", "Status"), List.copyOf(generator.components().keySet()));
    }

    @Test
    void typeUseAnnotationsOnAReturnTypeAreRead() throws NoSuchMethodException {
        var annotated = Holder.class.getDeclaredMethod("names").getAnnotatedReturnType();
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1}}",
                JsonWriter.write(generator.schemaFor(annotated)));
    }

    @Test
    void arrayComponentsDoNotInheritTheArrayConstraint() {
        generator.schemaFor(SizedArray.class);
        assertEquals("{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                + "\"maxItems\":3}},\"required\":[\"tags\"]}", component("SizedArray"));
    }

    record SizedArray(@jakarta.validation.constraints.Size(max = 3) String[] tags) {
    }

    interface Holder {
        List<@jakarta.validation.constraints.NotBlank String> names();
    }

    static final class Unused {
        private Unused() {
        }
    }

    @Test
    void aClassWithoutPropertiesIsAnEmptyObject() {
        generator.schemaFor(Unused.class);
        assertEquals("{\"type\":\"object\"}", component("Unused"));
    }

    @Test
    void setsOfEnumsReferToTheEnum() {
        assertEquals("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Status\"},\"uniqueItems\":true}",
                schema(new TypeRef<Set<Status>>() { }.type()));
    }
}
