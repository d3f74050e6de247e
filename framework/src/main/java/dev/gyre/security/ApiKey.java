package dev.gyre.security;

import dev.gyre.handler.internal.CookieHeader;
import dev.gyre.http.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An API key in a header, a query parameter or a cookie, FastAPI's {@code APIKeyHeader},
 * {@code APIKeyQuery} and {@code APIKeyCookie}: reads the value as an {@link ApiKeyValue}; a request without
 * it (or with it empty) is answered {@code 401} with {@code WWW-Authenticate: APIKey}. Documented as
 * {@code {"type":"apiKey","in":…,"name":…}}.
 *
 * <p>A key in the query ends up in access logs and browser history; prefer a header.
 */
public final class ApiKey extends SecurityScheme<ApiKeyValue> {
    /** Where the key travels, with its OpenAPI {@code in} and the name FastAPI gives such a scheme. */
    public enum Location {
        HEADER("header", "APIKeyHeader"),
        QUERY("query", "APIKeyQuery"),
        COOKIE("cookie", "APIKeyCookie");

        private final String in;
        private final String defaultName;

        Location(String in, String defaultName) {
            this.in = in;
            this.defaultName = defaultName;
        }
    }

    private final Location location;
    private final String parameter;

    private ApiKey(String name, Location location, String parameter) {
        super(name);
        this.location = location;
        this.parameter = Objects.requireNonNull(parameter, "parameter");
        if (parameter.isEmpty()) {
            throw new IllegalArgumentException("an API key needs the name of its " + location.in);
        }
    }

    /** A key in the header field {@code field}, e.g. {@code X-API-Key}. */
    public static ApiKey header(String field) {
        return new ApiKey(Location.HEADER.defaultName, Location.HEADER, field);
    }

    /** A key in the query parameter {@code parameter}. */
    public static ApiKey query(String parameter) {
        return new ApiKey(Location.QUERY.defaultName, Location.QUERY, parameter);
    }

    /** A key in the cookie {@code cookie}. */
    public static ApiKey cookie(String cookie) {
        return new ApiKey(Location.COOKIE.defaultName, Location.COOKIE, cookie);
    }

    /** The same key under another scheme name, for an application with several keys. */
    public ApiKey named(String name) {
        return new ApiKey(name, location, parameter);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "apiKey");
        scheme.put("in", location.in);
        scheme.put("name", parameter);
        return scheme;
    }

    @Override
    String challenge() {
        return "APIKey";
    }

    @Override
    ApiKeyValue read(Request request) {
        String key = switch (location) {
            case HEADER -> request.header(parameter);
            case QUERY -> request.queryParam(parameter);
            case COOKIE -> CookieHeader.parse(request.headers().all("Cookie")).get(parameter);
        };
        return key == null || key.isEmpty() ? null : new ApiKeyValue(key);
    }
}
