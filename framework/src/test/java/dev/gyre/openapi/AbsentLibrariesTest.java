package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.support.IsolatedLoader;
import java.io.IOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the generator in a class loader that sees Gyre's classes and the fixtures but neither Jackson nor Bean
 * Validation, as in an application that brings neither: no linkage error, and their annotations are simply not
 * read (the JVM drops annotations whose classes are missing).
 */
class AbsentLibrariesTest {
    private IsolatedLoader loader;

    @BeforeEach
    void isolate() {
        loader = new IsolatedLoader(SchemaGenerator.class.getProtectionDomain().getCodeSource().getLocation(),
                Fixtures.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @AfterEach
    void close() throws IOException {
        loader.close();
    }

    private Map<?, ?> components(String... fixtures) throws ReflectiveOperationException {
        Class<?> generatorClass = loader.loadClass(SchemaGenerator.class.getName());
        Object generator = accessible(generatorClass.getDeclaredConstructor()).newInstance();
        Method schemaFor = accessible(generatorClass.getMethod("schemaFor", Type.class));
        for (String fixture : fixtures) {
            schemaFor.invoke(generator, loader.loadClass(Fixtures.class.getName() + "$" + fixture));
        }
        return (Map<?, ?>) accessible(generatorClass.getMethod("components")).invoke(generator);
    }

    private String json(Object tree) throws ReflectiveOperationException {
        return (String) accessible(loader.loadClass(JsonWriter.class.getName()).getMethod("write", Object.class))
                .invoke(null, tree);
    }

    /** The classes are package-private, and the isolated loader's copies are in another runtime package. */
    private static <T extends AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    @Test
    void theLibrariesAreReallyMissing() {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.annotation.JsonProperty"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("jakarta.validation.constraints.NotNull"));
    }

    @Test
    void jacksonAnnotationsAreIgnoredAndTheirReaderNeverLoaded() throws ReflectiveOperationException {
        Map<?, ?> components = components("User");
        assertEquals("{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]}", json(components.get("Priority")));
        assertEquals("{\"type\":\"string\",\"enum\":[\"DEBUG\",\"INFO\"]}", json(components.get("Level")));
        String user = json(components.get("User"));
        assertTrue(user.contains("\"name\":{\"type\":\"string\"}"), user);
        assertTrue(user.contains("\"passwordHash\""), user);
        assertTrue(user.contains("\"customerId\":{\"$ref\":\"#/components/schemas/CustomerId\"}"), user);
        assertFalse(user.contains("description"), user);
        assertFalse(loader.defined(JacksonAnnotations.class.getName()));
    }

    @Test
    void constraintsAreIgnoredAndTheirReaderNeverLoaded() throws ReflectiveOperationException {
        String constrained = json(components("Constrained", "Account").get("Constrained"));
        assertFalse(constrained.contains("minLength"), constrained);
        assertFalse(constrained.contains("pattern"), constrained);
        assertTrue(constrained.contains("\"small\":{\"type\":\"integer\",\"minimum\":-128,\"maximum\":127}"), constrained);
        assertFalse(loader.defined(BeanValidationKeywords.class.getName()));
    }

    @Test
    void nullableIsStillReadBecauseItIsMatchedByName() throws ReflectiveOperationException {
        String user = json(components("User").get("User"));
        assertTrue(user.contains("\"previousPriority\":{\"anyOf\":"), user);
    }
}
