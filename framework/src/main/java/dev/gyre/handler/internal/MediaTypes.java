package dev.gyre.handler.internal;

/** Compares {@code Content-Type} values by their essence ({@code type/subtype}), ignoring parameters and case. */
final class MediaTypes {
    static final String FORM = "application/x-www-form-urlencoded";
    static final String MULTIPART_FORM = "multipart/form-data";

    private MediaTypes() {
    }

    /** {@code application/json} or any {@code +json} type, such as {@code application/problem+json}. */
    static boolean isJson(String contentType) {
        String essence = essence(contentType);
        return essence.equals("application/json") || essence.endsWith("+json");
    }

    static boolean isForm(String contentType) {
        return contentType != null && essence(contentType).equals(FORM);
    }

    static boolean isMultipartForm(String contentType) {
        return contentType != null && essence(contentType).equals(MULTIPART_FORM);
    }

    static String essence(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
