package dev.gyre.security;

import dev.gyre.inject.Provider;
import java.util.List;

/**
 * A provider whose value needs credentials: a {@link SecurityScheme} itself, or what
 * {@link SecurityScheme#then} makes of one. The OpenAPI document lists the {@link #schemes()} of every
 * secured provider a handler takes as a parameter in that operation's {@code security}, so Swagger UI's
 * Authorize button sends the credentials the route needs.
 */
public interface SecuredProvider<T> extends Provider<T> {

    /** The schemes whose credentials this provider reads; all of them are needed (OpenAPI's AND). */
    List<SecurityScheme<?>> schemes();
}
