package dev.gyre.http2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values by stream id, in the order their streams opened, without boxing: what a connection keeps per open
 * stream (the engine its {@link Http2Stream}s, the server layer its own stream objects).
 *
 * <p>It relies on what RFC 9113 §5.1.1 guarantees: a client's stream ids only grow, so a new id is always
 * above every id present and the order of opening is the order of ids. The ids and values sit in two arrays
 * sorted by id, between {@code first} and {@code end}; a lookup is one guess from the client's numbering, else a
 * binary search (7 steps for the default 100 concurrent streams), an add appends, and a removal shifts the later entries down, except the oldest, which only
 * moves {@code first} on (streams tend to end in the order they began). Positions ({@link #at}) count from the
 * oldest entry, so after {@code remove} of the entry at position {@code i}, position {@code i} holds the next
 * one.
 *
 * <p>Not thread-safe: the connection's loop owns it.
 *
 * @param <V> what is kept per stream
 */
public final class StreamTable<V> {
    private int[] ids = new int[8];
    private Object[] values = new Object[8];
    private int first;
    private int end;

    /** The value of stream {@code id}, or null. */
    @SuppressWarnings("unchecked")
    public V get(int id) {
        int slot = slotOf(id);
        return slot < 0 ? null : (V) values[slot];
    }

    /**
     * Adds the value of a stream whose id is above every id present.
     *
     * @throws IllegalArgumentException if {@code id} is not above every id present
     */
    public void add(int id, V value) {
        if (end > first && id <= ids[end - 1]) {
            throw new IllegalArgumentException("stream " + id + " is not above " + ids[end - 1]);
        }
        if (end == ids.length) {
            makeRoom();
        }
        ids[end] = id;
        values[end++] = value;
    }

    /** Removes stream {@code id}, returning its value, or null if it is not here. */
    @SuppressWarnings("unchecked")
    public V remove(int id) {
        int slot = slotOf(id);
        if (slot < 0) {
            return null;
        }
        V value = (V) values[slot];
        if (slot == first) {
            values[first++] = null;
        } else {
            System.arraycopy(ids, slot + 1, ids, slot, end - slot - 1);
            System.arraycopy(values, slot + 1, values, slot, end - slot - 1);
            values[--end] = null;
        }
        if (first == end) {
            first = 0;
            end = 0;
        }
        return value;
    }

    public int size() {
        return end - first;
    }

    public boolean isEmpty() {
        return end == first;
    }

    /** The value at {@code position}, 0 the oldest, below {@link #size()}. */
    @SuppressWarnings("unchecked")
    public V at(int position) {
        return (V) values[first + position];
    }

    /** The values, oldest first, in a list of their own: for loops that remove as they go. */
    @SuppressWarnings("unchecked")
    public List<V> snapshot() {
        List<V> copy = new ArrayList<>(size());
        for (int slot = first; slot < end; slot++) {
            copy.add((V) values[slot]);
        }
        return copy;
    }

    /**
     * Where {@code id} is, or -1. First a guess: a client numbers its streams 1, 3, 5, … and they mostly end in
     * order, so while no stream between the oldest and {@code id} has gone, {@code id} sits
     * {@code (id - oldest) / 2} slots after the oldest. Otherwise a binary search.
     */
    private int slotOf(int id) {
        if (first == end) {
            return -1;
        }
        long guess = first + (((long) id - ids[first]) >> 1);
        if (guess >= first && guess < end && ids[(int) guess] == id) {
            return (int) guess;
        }
        int low = first;
        int high = end - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int at = ids[mid];
            if (at < id) {
                low = mid + 1;
            } else if (at > id) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The arrays are full at the end: slide the entries to the start, or double the arrays if they are crowded. */
    private void makeRoom() {
        int size = end - first;
        if (size > ids.length / 2) {
            ids = Arrays.copyOf(ids, ids.length * 2);
            values = Arrays.copyOf(values, values.length * 2);
        }
        System.arraycopy(ids, first, ids, 0, size);
        System.arraycopy(values, first, values, 0, size);
        Arrays.fill(values, size, end, null);
        first = 0;
        end = size;
    }
}
