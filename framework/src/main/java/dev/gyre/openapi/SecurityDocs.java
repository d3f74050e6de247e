package dev.gyre.openapi;

import dev.gyre.handler.Form;
import dev.gyre.handler.internal.Route;
import dev.gyre.inject.Provider;
import dev.gyre.inject.internal.Providers;
import dev.gyre.security.SecuredProvider;
import dev.gyre.security.SecurityScheme;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The security part of the document: an operation's {@code security} lists the schemes of every
 * {@link SecuredProvider} its handler takes as a parameter (all needed, so one requirement object), and
 * {@code components.securitySchemes} describes each scheme used, sorted by name. Two different schemes
 * under one name would make the document ambiguous, so they fail start-up: {@link #check} runs when the
 * endpoints are made, though the document itself is written at its first request.
 */
final class SecurityDocs {
    private final Providers providers;
    private final Map<String, SecurityScheme<?>> used = new TreeMap<>();

    SecurityDocs(Providers providers) {
        this.providers = providers;
    }

    /** Fails, naming both, if two different schemes of these routes share a name. */
    static void check(List<Route> routes, Providers providers) {
        SecurityDocs security = new SecurityDocs(providers);
        for (Route route : routes) {
            security.requirements(route.method());
        }
    }

    /** The operation's {@code security} value, or {@code null} when its handler needs no credentials. */
    List<Map<String, Object>> requirements(Method method) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        for (Parameter p : method.getParameters()) {
            if (ParameterSources.locate(p) != null || ParameterSources.isBody(p) || p.isAnnotationPresent(Form.class)) {
                continue;
            }
            Provider<?> provider = providers.providerOf(p.getType());
            if (provider instanceof SecuredProvider<?> secured) {
                for (SecurityScheme<?> scheme : secured.schemes()) {
                    register(scheme);
                    requirement.put(scheme.name(), List.of());
                }
            }
        }
        return requirement.isEmpty() ? null : List.of(requirement);
    }

    private void register(SecurityScheme<?> scheme) {
        SecurityScheme<?> known = used.putIfAbsent(scheme.name(), scheme);
        if (known != null && known != scheme && !known.openApi().equals(scheme.openApi())) {
            throw new IllegalArgumentException("two different security schemes are named " + scheme.name()
                    + " (" + known + ", " + scheme + "): give one another name");
        }
    }

    /** {@code components.securitySchemes}, or an empty map when no operation needs credentials. */
    Map<String, Object> schemes() {
        Map<String, Object> schemes = new LinkedHashMap<>();
        used.forEach((name, scheme) -> schemes.put(name, scheme.openApi()));
        return schemes;
    }
}
