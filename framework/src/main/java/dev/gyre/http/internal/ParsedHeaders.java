package dev.gyre.http.internal;

import dev.gyre.http.Headers;

/**
 * How the parser makes and reuses read-only {@link Headers} without a public factory that would skip the
 * checks {@link Headers#add} makes: the parser has validated every field already. {@code Headers} lends
 * its private constructor and comparison through an {@link Access} from its static initialiser, as
 * {@link Requests} does for requests. Called on a loop thread, once per parsed header section; also, once per
 * route at start-up, for the constant {@code Content-Type} a route's values are sent with.
 */
public final class ParsedHeaders {
    private static final Lent<Access> ACCESS = new Lent<>(Headers.class);

    private ParsedHeaders() {
    }

    /** What {@link Headers} lends the parser. */
    public interface Access {
        Headers copyOf(String[] interleaved, int size);

        boolean holdsSame(Headers headers, String[] interleaved, int size);
    }

    /** Called once, by {@link Headers}' static initialiser. */
    public static void install(Access lent) {
        ACCESS.lend(lent);
    }

    /**
     * Read-only headers holding the first {@code size} fields of {@code interleaved} (name, value, name,
     * value, …) in an array of exactly that size.
     */
    public static Headers copyOf(String[] interleaved, int size) {
        return access().copyOf(interleaved, size);
    }

    /**
     * Whether {@code headers} hold exactly the strings of the first {@code size} fields of
     * {@code interleaved}, compared by identity: the parser's cheap test for a header section that repeats
     * the previous request's, whose strings it reused.
     */
    public static boolean holdsSame(Headers headers, String[] interleaved, int size) {
        return access().holdsSame(headers, interleaved, size);
    }

    /** A read-only copy of {@code headers}, for fields another codec collected (HTTP/2 trailers). */
    public static Headers readOnlyCopy(Headers headers) {
        String[] interleaved = new String[2 * headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            interleaved[2 * i] = headers.name(i);
            interleaved[2 * i + 1] = headers.value(i);
        }
        return copyOf(interleaved, headers.size());
    }

    /** Read-only headers with no field: what a message without trailers has. Made anew; callers keep one. */
    public static Headers none() {
        return copyOf(new String[0], 0);
    }

    private static Access access() {
        return ACCESS.get();
    }
}
