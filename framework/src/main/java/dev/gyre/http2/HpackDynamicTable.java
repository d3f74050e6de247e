package dev.gyre.http2;

/**
 * The dynamic table of RFC 7541 §2.3.2 and §4: a FIFO of header fields, newest first, whose size (each
 * entry's name and value octets plus 32) never exceeds its maximum; adding evicts the oldest entries, and an
 * entry larger than the maximum empties the table and is not kept (§4.4).
 *
 * <p>Kept as a ring of entries that grows by doubling up to {@code maxSize / 32} slots, the most a table of
 * that size can hold, so memory follows what the peer actually inserted. Not thread-safe: one per direction of
 * one connection.
 */
final class HpackDynamicTable {
    static final int ENTRY_OVERHEAD = 32;

    private String[] names = new String[8];
    private String[] values = new String[8];
    private int head;
    private int length;
    private int size;
    private int maxSize;
    /** Counts the changes to the entries; equal counts mean the same entries at the same indexes. */
    private long version;

    HpackDynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    static int sizeOf(String name, String value) {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }

    int length() {
        return length;
    }

    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Moves on at every add, eviction or resize: an index found at one version holds until the next. */
    long version() {
        return version;
    }

    /** The name of entry {@code i}, 0 the newest. */
    String name(int i) {
        return names[slot(i)];
    }

    String value(int i) {
        return values[slot(i)];
    }

    /** Sets the maximum size (§4.3), evicting entries until the table fits. */
    void setMaxSize(int newMaxSize) {
        version++;
        maxSize = newMaxSize;
        evictUntilFits(0);
    }

    void add(String name, String value) {
        version++;
        int entrySize = sizeOf(name, value);
        if (entrySize > maxSize) {
            clear();
            return;
        }
        evictUntilFits(entrySize);
        if (length == names.length) {
            grow();
        }
        head = (head - 1 + names.length) % names.length;
        names[head] = name;
        values[head] = value;
        length++;
        size += entrySize;
    }

    /** The index (0 the newest) of the entry holding exactly this name and value, or -1. */
    int indexOf(String name, String value) {
        for (int i = 0; i < length; i++) {
            int s = slot(i);
            if (names[s].equals(name) && values[s].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The index (0 the newest) of an entry with this name, or -1. */
    int indexOfName(String name) {
        for (int i = 0; i < length; i++) {
            if (names[slot(i)].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void evictUntilFits(int incoming) {
        while (length > 0 && size + incoming > maxSize) {
            int oldest = slot(length - 1);
            size -= sizeOf(names[oldest], values[oldest]);
            names[oldest] = null;
            values[oldest] = null;
            length--;
        }
    }

    private void clear() {
        evictUntilFits(maxSize + 1);
    }

    private void grow() {
        int capacity = names.length * 2;
        String[] newNames = new String[capacity];
        String[] newValues = new String[capacity];
        for (int i = 0; i < length; i++) {
            newNames[i] = names[slot(i)];
            newValues[i] = values[slot(i)];
        }
        names = newNames;
        values = newValues;
        head = 0;
    }

    private int slot(int i) {
        return (head + i) % names.length;
    }
}
