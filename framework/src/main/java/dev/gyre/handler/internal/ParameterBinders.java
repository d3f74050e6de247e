package dev.gyre.handler.internal;

import dev.gyre.handler.BackgroundTasks;
import dev.gyre.handler.Body;
import dev.gyre.handler.Cookie;
import dev.gyre.handler.Form;
import dev.gyre.handler.Header;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Query;
import dev.gyre.handler.ResponseHead;
import dev.gyre.http.Request;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.JsonCodec;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns each handler parameter into a {@link ParameterBinding} at start-up, failing with a message that
 * names the method and parameter when a parameter cannot be bound.
 *
 * <p>What a parameter means is decided by its annotation, else by its type:
 * {@link PathParam}, {@link Query}, {@link Header}, {@link Cookie}, {@link Form} (text values, see
 * {@link TextBinders}; uploads, see {@link UploadBinders}), {@link Body} (see {@link BodyBinders}); unannotated {@code Request},
 * {@link BackgroundTasks}, {@link ResponseHead}, or a type with a registered provider.
 */
final class ParameterBinders {
    private final Supplier<JsonCodec> json;
    private final Providers providers;
    private final FormReading uploads;

    ParameterBinders(Supplier<JsonCodec> json, Providers providers, FormReading uploads) {
        this.json = json;
        this.providers = providers;
        this.uploads = uploads;
    }

    ParameterBinding bindingFor(Parameter p, List<String> templateParams, String where) {
        PathParam path = p.getAnnotation(PathParam.class);
        if (path != null) {
            String name = name(path.value(), p, where);
            if (!templateParams.contains(name)) {
                throw new IllegalArgumentException(where + ": @PathParam " + name
                        + " is not in the path template (it has " + templateParams + ")");
            }
            return TextBinders.path(p, name, where);
        }
        Query query = p.getAnnotation(Query.class);
        if (query != null) {
            return TextBinders.query(p, name(query.value(), p, where), query.defaultValue(), where);
        }
        Header header = p.getAnnotation(Header.class);
        if (header != null) {
            return TextBinders.header(p, name(header.value(), p, where), header.defaultValue(), where);
        }
        Cookie cookie = p.getAnnotation(Cookie.class);
        if (cookie != null) {
            return TextBinders.cookie(p, name(cookie.value(), p, where), cookie.defaultValue(), where);
        }
        Form form = p.getAnnotation(Form.class);
        if (form != null) {
            String name = name(form.value(), p, where);
            return UploadBinders.isUpload(p) ? UploadBinders.upload(p, name, uploads, where)
                    : TextBinders.form(p, name, form.defaultValue(), uploads, where);
        }
        if (p.isAnnotationPresent(Body.class)) {
            return BodyBinders.body(p, json);
        }
        Class<?> type = p.getType();
        if (type == Request.class) {
            return ParameterBinding.internal((invocation, problems) -> invocation.request());
        }
        if (type == ResponseHead.class) {
            return ParameterBinding.internal((invocation, problems) -> invocation.responseHead());
        }
        if (type == BackgroundTasks.class) {
            return ParameterBinding.internal((invocation, problems) -> invocation.tasks());
        }
        if (providers.provides(type)) {
            return ParameterBinding.internal((invocation, problems) -> invocation.scope(providers).get(type));
        }
        throw new IllegalArgumentException(where + ": parameter " + p.getName() + " of type "
                + p.getParameterizedType().getTypeName() + " has no provider: register one with "
                + "Gyre.builder().provide(" + type.getSimpleName() + ".class, value) for one app-wide value or "
                + "provide(" + type.getSimpleName() + ".class, scope -> …) for one per request, or annotate it with "
                + "@PathParam, @Query, @Header, @Cookie, @Form or @Body");
    }

    private static String name(String declared, Parameter p, String where) {
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!p.isNamePresent()) {
            throw new IllegalArgumentException(where + ": parameter names are not in the class file; "
                    + "compile with -parameters or name the parameter in its annotation");
        }
        return p.getName();
    }
}
