package dev.gyre.openapi;

import dev.gyre.handler.Form;
import dev.gyre.handler.Query;
import dev.gyre.multipart.UploadFile;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request body of a route with {@link Form} parameters, as FastAPI documents it: one object schema whose
 * properties are the fields, under {@code multipart/form-data} when some field is an upload (a file is
 * {@code {"type": "string", "format": "binary"}}, which gives Swagger UI its file picker; a {@code List} of them
 * an array), else under {@code application/x-www-form-urlencoded}. A field is required unless it has a default,
 * is an {@code Optional} or is a {@code List}, which is what binding does.
 */
final class FormDocs {
    private FormDocs() {
    }

    static boolean isField(Parameter parameter) {
        return parameter.isAnnotationPresent(Form.class);
    }

    static Map<String, Object> requestBody(List<Parameter> fields, SchemaGenerator schemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        boolean uploads = false;
        for (Parameter field : fields) {
            Form form = field.getAnnotation(Form.class);
            String name = form.value().isEmpty() ? field.getName() : form.value();
            String defaultValue = Query.NONE.equals(form.defaultValue()) ? null : form.defaultValue();
            Map<String, Object> schema;
            if (field.getType() == UploadFile.class || holdsUploads(field)) {
                uploads = true;
                schema = field.getType() == List.class ? Json.object("type", "array") : ResponseDocs.binary();
                if (field.getType() == List.class) {
                    schema.put("items", ResponseDocs.binary());
                }
            } else {
                schema = schemas.schemaForParameter(field.getAnnotatedType(), field.getAnnotations(), defaultValue);
            }
            properties.put(name, schema);
            if (defaultValue == null && field.getType() != List.class
                    && !SchemaGenerator.isOptional(field.getParameterizedType())) {
                required.add(name);
            }
        }
        Map<String, Object> schema = Json.object("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("required", !required.isEmpty());
        body.put("content", ResponseDocs.content(uploads ? "multipart/form-data" : "application/x-www-form-urlencoded",
                schema));
        return body;
    }

    /** An {@code Optional<UploadFile>} or {@code List<UploadFile>}. */
    private static boolean holdsUploads(Parameter field) {
        return field.getParameterizedType() instanceof ParameterizedType type
                && type.getActualTypeArguments()[0] == UploadFile.class;
    }
}
