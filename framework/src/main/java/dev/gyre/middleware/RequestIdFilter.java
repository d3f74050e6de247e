package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.util.concurrent.CompletionStage;

/**
 * Gives every request an id ({@link RequestId}) and returns it in {@code X-Request-Id}. A well-formed
 * id the client or a proxy sent is adopted, so one id follows a request across services; anything else
 * is replaced. Register it first (outermost) so that the access log and error bodies use the same id.
 */
public final class RequestIdFilter implements Filter {

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        String incoming = request.header(RequestId.HEADER);
        String id = RequestId.wellFormed(incoming) ? incoming : RequestId.of(request);
        request.attribute(RequestId.ATTRIBUTE, id);
        return next.proceed().thenApply(response -> {
            response.headers().set(RequestId.HEADER, id);
            return response;
        });
    }
}
