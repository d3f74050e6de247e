package dev.gyre.http;

/** A url-encoded form or query with more pairs than its limit allows ({@link QueryParameters#parse(String, int)}). */
public final class TooManyPairsException extends RuntimeException {
    private final int limit;

    TooManyPairsException(int limit) {
        super("more than " + limit + " fields", null, false, false);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
