package dev.gyre.route;

import java.util.Map;
import java.util.Set;

/**
 * The router's answer for one request.
 *
 * @param target      the matched route's target, or {@code null}
 * @param pathParams  decoded path parameters of the matched template
 * @param allowed     when the path exists but not for this method: the methods it has (for {@code Allow});
 *                    empty when the path is unknown
 */
public record RouteMatch<T>(T target, Map<String, String> pathParams, Set<String> allowed) {

    public boolean found() {
        return target != null;
    }

    /** The path is known but not for this method: {@code 405}. */
    public boolean methodNotAllowed() {
        return target == null && !allowed.isEmpty();
    }
}
