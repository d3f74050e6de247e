package dev.gyre.handler.internal;

import dev.gyre.handler.Form;
import dev.gyre.handler.Problem;
import dev.gyre.handler.Query;
import dev.gyre.multipart.UploadFile;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * Binders for {@link Form} parameters that take uploaded files from a {@code multipart/form-data} body:
 * {@code UploadFile} (required: a {@code missing} problem at {@code ["body", name]} when absent),
 * {@code Optional<UploadFile>} and {@code List<UploadFile>} (every file part of that name, in order).
 *
 * <p>A route with such a parameter streams its body: it is dispatched at the request's head and the form is parsed
 * as it arrives, on the handler's thread, so it must be a blocking route (see {@link Route#streamsBody()}).
 */
final class UploadBinders {
    private UploadBinders() {
    }

    /** Whether the parameter is an {@code UploadFile}, or an {@code Optional} or {@code List} of them. */
    static boolean isUpload(Parameter p) {
        if (p.getType() == UploadFile.class) {
            return true;
        }
        return (p.getType() == Optional.class || p.getType() == List.class)
                && p.getParameterizedType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] == UploadFile.class;
    }

    static ParameterBinding upload(Parameter p, String name, FormReading limits, String where) {
        if (!Query.NONE.equals(p.getAnnotation(Form.class).defaultValue())) {
            throw new IllegalArgumentException(where + ": an upload has no default value: " + name);
        }
        List<Object> loc = List.of("body", name);
        Type type = p.getType();
        ParamBinder binder;
        if (type == List.class) {
            binder = (invocation, problems) -> invocation.form(limits).files(name);
        } else if (type == Optional.class) {
            binder = (invocation, problems) -> invocation.form(limits).files(name).stream().findFirst();
        } else {
            binder = (invocation, problems) -> {
                List<UploadFile> files = invocation.form(limits).files(name);
                if (files.isEmpty()) {
                    problems.add(new Problem(loc, "Field required", "missing"));
                    return null;
                }
                return files.getFirst();
            };
        }
        return new ParameterBinding(binder, loc, false);
    }
}
