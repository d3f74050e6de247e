package dev.gyre.http.internal;

import dev.gyre.http.Response;
import dev.gyre.http.ResponseStream;
import dev.gyre.http.Upgrade;
import java.util.function.Consumer;

/**
 * What the framework reads of a {@link Response} that a handler or a filter has no use for: the body as it was
 * given (a JSON value not written yet, a stream's producer, a file region) and the protocol a {@code 101} hands
 * the connection to. {@code Response} lends its private fields here when it is initialised, as
 * {@link dev.gyre.http.Request} lends {@link Requests}; this package is not exported, so only the writers of the framework read them.
 * Called on the thread that owns the response, after its handler returned it.
 */
public final class Responses {
    private static final Lent<Access> ACCESS = new Lent<>(Response.class);

    private Responses() {
    }

    /** The readers a {@link Response} lends the framework. */
    public interface Access {
        Object pendingJson(Response response);

        Consumer<ResponseStream> streamProducer(Response response);

        Response.BlockingProducer blockingProducer(Response response);

        Response.FileRegion file(Response response);

        Upgrade upgrade(Response response);
    }

    /** Called once, by {@link Response}'s static initialiser. */
    public static void install(Access readers) {
        ACCESS.lend(readers);
    }

    /** The value given to {@link Response#json(Object)} while it is not written yet, else {@code null}. */
    public static Object pendingJson(Response response) {
        return ACCESS.get().pendingJson(response);
    }

    /** The producer of a {@link Response#stream} body, else {@code null}. */
    public static Consumer<ResponseStream> streamProducer(Response response) {
        return ACCESS.get().streamProducer(response);
    }

    /** The producer of a {@link Response#streamBlocking} body, else {@code null}. */
    public static Response.BlockingProducer blockingProducer(Response response) {
        return ACCESS.get().blockingProducer(response);
    }

    /** The region of a {@link Response#file} body, else {@code null}. */
    public static Response.FileRegion file(Response response) {
        return ACCESS.get().file(response);
    }

    /** What takes the connection over after a {@link Response#upgrade(Upgrade) 101}, else {@code null}. */
    public static Upgrade upgrade(Response response) {
        return ACCESS.get().upgrade(response);
    }
}
