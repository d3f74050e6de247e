package dev.gyre.multipart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Parses a {@code multipart/form-data} body that a non-blocking route takes as {@code @Body Flow.Publisher<ByteBuffer>}
 * and hands its parts to a {@link PartListener} as they arrive, on the connection's loop, without blocking and
 * without spooling anything: the listener decides what to keep.
 *
 * <pre>{@code
 * MultipartSubscriber parts = new MultipartSubscriber(request.header("Content-Type"), limits, listener);
 * body.subscribe(parts);
 * return parts.done().thenApply(v -> …);
 * }</pre>
 *
 * <p>It asks for one piece at a time, so a listener that is slow only slows the client down. {@link #done()}
 * completes when the closing boundary has been read and the body has ended, or fails with the
 * {@link MultipartException}, the listener's exception or the body's failure; on a failure of its own it cancels
 * the body.
 */
public final class MultipartSubscriber implements Flow.Subscriber<ByteBuffer> {
    private final MultipartParser parser;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** @throws MultipartException {@code 400} when {@code contentType} is not {@code multipart/form-data} with a boundary */
    public MultipartSubscriber(String contentType, MultipartLimits limits, PartListener listener) {
        this.parser = new MultipartParser(MultipartParser.boundaryOf(contentType), limits, listener);
    }

    /** Completes when the form has been read whole; fails as described above. */
    public CompletionStage<Void> done() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer piece) {
        if (done.isDone()) {
            return;
        }
        try {
            parser.feed(piece);
        } catch (IOException | RuntimeException e) {
            subscription.cancel();
            done.completeExceptionally(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        try {
            parser.finish();
            done.complete(null);
        } catch (MultipartException e) {
            done.completeExceptionally(e);
        }
    }
}
