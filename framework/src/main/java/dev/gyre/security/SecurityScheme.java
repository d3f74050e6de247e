package dev.gyre.security;

import dev.gyre.handler.HttpException;
import dev.gyre.http.Request;
import dev.gyre.inject.Scope;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One way a client proves who it is, as in {@code fastapi.security}: it reads its credentials from the
 * request and is a provider of them, so a handler (or another provider) takes them as a parameter once the
 * scheme is registered:
 *
 * <pre>{@code
 * Gyre.builder().provide(BearerToken.class, new HttpBearer())
 * }</pre>
 *
 * <p>A request without the credentials, or with malformed ones, is answered {@code 401} with the scheme's
 * {@code WWW-Authenticate} challenge and {@code {"detail":"Not authenticated"}} (or
 * {@code "Invalid authentication credentials"}) before the handler runs. Whether the credentials are
 * <em>right</em> is the application's decision, made in {@link #then}; the framework stores no passwords
 * and compares nothing but what it is given, in constant time ({@link Secrets}).
 *
 * <p>The scheme's {@link #name()} and {@link #openApi()} description go into the OpenAPI document's
 * {@code components.securitySchemes}, and every operation taking its credentials (directly or through
 * {@link #then}) lists it under {@code security}. Schemes are immutable and safe to share between threads.
 *
 * @param <C> the credentials read from the request
 */
public abstract class SecurityScheme<C> implements SecuredProvider<C> {
    static final String NOT_AUTHENTICATED = "Not authenticated";
    static final String INVALID = "Invalid authentication credentials";

    private final String name;

    SecurityScheme(String name) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a security scheme needs a name");
        }
    }

    /** The key of this scheme in {@code components.securitySchemes}. */
    public String name() {
        return name;
    }

    /** The OpenAPI Security Scheme Object describing this scheme, in a stable key order. */
    public abstract Map<String, Object> openApi();

    /** The {@code WWW-Authenticate} value of this scheme's {@code 401} answers. */
    abstract String challenge();

    /**
     * The credentials in {@code request}, or {@code null} when it carries none.
     *
     * @throws HttpException {@code 401} when it carries malformed ones
     */
    abstract C read(Request request);

    @Override
    public final C provide(Scope scope) {
        C credentials = read(scope.request());
        if (credentials == null) {
            throw unauthorized(NOT_AUTHENTICATED);
        }
        return credentials;
    }

    @Override
    public final List<SecurityScheme<?>> schemes() {
        return List.of(this);
    }

    /** A {@code 401} with this scheme's challenge, for an application that refuses credentials itself. */
    public HttpException unauthorized(String detail) {
        return new HttpException(401, detail, Map.of("WWW-Authenticate", challenge()));
    }

    /**
     * A provider of what {@code check} makes of the credentials, e.g. the current user; secured by this
     * scheme, so the OpenAPI document shows it on every route that takes that value. When {@code check}
     * returns {@code null}, the request is answered {@code 401 "Invalid authentication credentials"} with
     * this scheme's challenge.
     */
    public <U> SecuredProvider<U> then(CredentialCheck<? super C, ? extends U> check) {
        Objects.requireNonNull(check, "check");
        SecurityScheme<C> scheme = this;
        return new SecuredProvider<>() {
            @Override
            public U provide(Scope scope) throws Exception {
                U value = check.check(scheme.provide(scope), scope);
                if (value == null) {
                    throw scheme.unauthorized(INVALID);
                }
                return value;
            }

            @Override
            public List<SecurityScheme<?>> schemes() {
                return scheme.schemes();
            }
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
