package dev.gyre.api;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gyre.server.Gyre;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the exported API: every package {@code module-info} exports, every public or protected type in it
 * (nested ones too) and every public or protected constructor, method and field, with generic signatures,
 * read by reflection from the compiled classes and compared with {@code src/test/resources/api/gyre-api.txt}.
 * A change to what users can compile against fails here until the file is regenerated on purpose:
 *
 * <pre>./gyre mvn -q -pl framework -Dtest=ExportedApiTest -Dgyre.api.update=true verify</pre>
 *
 * and the diff of the file is committed with the change, so that a review sees the API move.
 */
class ExportedApiTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "api", "gyre-api.txt");
    private static final String UPDATE = "gyre.api.update";
    private static final Pattern TYPE_NAME = Pattern.compile("(?:class|interface|enum|record) ([^ <]+)");

    @Test
    void theExportedApiIsTheOneOnFile() throws IOException {
        List<String> actual = describe();
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected = Files.exists(GOLDEN) ? Files.readAllLines(GOLDEN, StandardCharsets.UTF_8) : List.of();
        if (!expected.equals(actual)) {
            Set<String> added = new LinkedHashSet<>(qualified(actual));
            qualified(expected).forEach(added::remove);
            Set<String> removed = new LinkedHashSet<>(qualified(expected));
            qualified(actual).forEach(removed::remove);
            fail("The exported API differs from " + GOLDEN + ".\n"
                    + added.stream().map(line -> "  + " + line).collect(Collectors.joining("\n", "", "\n"))
                    + removed.stream().map(line -> "  - " + line).collect(Collectors.joining("\n", "", "\n"))
                    + "If the change is deliberate, regenerate the file and commit it with the change:\n"
                    + "  ./gyre mvn -q -pl framework -Dtest=ExportedApiTest -D" + UPDATE + "=true verify");
        }
    }

    /** Each member line prefixed with its package and type, so that a difference says where it is. */
    private static List<String> qualified(List<String> lines) {
        List<String> out = new ArrayList<>();
        String pkg = "";
        String type = "";
        for (String line : lines) {
            if (line.startsWith("package ")) {
                pkg = line.substring("package ".length());
            } else if (line.startsWith("    ")) {
                out.add(pkg + " " + type + ": " + line.strip());
                continue;
            } else if (line.startsWith("  ")) {
                Matcher name = TYPE_NAME.matcher(line);
                type = name.find() ? name.group(1) : line.strip();
            }
            out.add(line.isBlank() ? line : pkg + " " + line.strip());
        }
        return out;
    }

    /** The API as lines: {@code module}, then per exported package its types, each followed by its members. */
    static List<String> describe() throws IOException {
        Path classes = classesDirectory();
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        List<String> lines = new ArrayList<>();
        lines.add("module " + module.name());
        Set<String> packages = module.exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String pkg : packages) {
            lines.add("");
            lines.add("package " + pkg);
            for (Class<?> type : typesOf(classes, pkg)) {
                lines.add("  " + header(type));
                members(type).forEach(member -> lines.add("    " + member));
            }
        }
        return lines;
    }

    private static List<Class<?>> typesOf(Path classes, String pkg) throws IOException {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                Class<?> type = load(pkg + "." + simple);
                if (isApi(type)) {
                    types.add(type);
                }
            }
        }
        types.sort((a, b) -> a.getName().compareTo(b.getName()));
        return types;
    }

    /** Public or protected, and so is every type it is nested in; never anonymous, local or synthetic. */
    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            int m = t.getModifiers();
            if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
                return false;
            }
        }
        return true;
    }

    private static String header(Class<?> type) {
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT & ~Modifier.STATIC;
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : (Modifier.isAbstract(type.getModifiers()) ? "abstract class" : "class");
        if (type.isEnum() || type.isRecord()) {
            modifiers &= ~Modifier.FINAL;
        }
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers)).append(type.isSealed() ? " sealed " : " ")
                .append(kind).append(' ').append(type.getName().substring(type.getPackageName().length() + 1));
        var parameters = type.getTypeParameters();
        if (parameters.length > 0) {
            line.append(Arrays.stream(parameters).map(ExportedApiTest::bounded).collect(Collectors.joining(", ", "<", ">")));
        }
        var superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class && !type.isEnum()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        var interfaces = Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName)
                .filter(name -> !name.equals("java.lang.annotation.Annotation")).toList();
        if (!interfaces.isEmpty()) {
            line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return line.toString();
    }

    private static String bounded(java.lang.reflect.TypeVariable<?> variable) {
        var bounds = Arrays.stream(variable.getBounds()).filter(bound -> bound != Object.class)
                .map(java.lang.reflect.Type::getTypeName).toList();
        return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends " + String.join(" & ", bounds);
    }

    private static List<String> members(Class<?> type) {
        List<String> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (visible(field) && !field.isSynthetic()) {
                members.add("field " + field.toGenericString());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor) && !constructor.isSynthetic()) {
                members.add("constructor " + signature(constructor));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method) && !method.isSynthetic() && !method.isBridge()) {
                members.add("method " + signature(method));
            }
        }
        members.sort(null);
        return members;
    }

    private static boolean visible(Member member) {
        return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
    }

    /** The generic signature without the declaring class, so that a line says what a caller writes. */
    private static String signature(Executable executable) {
        String text = executable.toGenericString();
        String owner = executable.getDeclaringClass().getTypeName() + ".";
        return text.replace(owner, "");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExportedApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path classesDirectory() {
        try {
            return Path.of(Gyre.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
