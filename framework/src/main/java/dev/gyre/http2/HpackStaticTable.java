package dev.gyre.http2;

import java.util.HashMap;
import java.util.Map;

/**
 * The static table of RFC 7541 Appendix A: 61 entries, index 1 to 61, shared by every connection.
 * Immutable and thread-safe.
 */
final class HpackStaticTable {
    static final int LENGTH = 61;

    private static final String[][] ENTRIES = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"},
        {":path", "/index.html"}, {":scheme", "http"}, {":scheme", "https"}, {":status", "200"},
        {":status", "204"}, {":status", "206"}, {":status", "304"}, {":status", "400"},
        {":status", "404"}, {":status", "500"}, {"accept-charset", ""}, {"accept-encoding", "gzip, deflate"},
        {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""}, {"access-control-allow-origin", ""},
        {"age", ""}, {"allow", ""}, {"authorization", ""}, {"cache-control", ""},
        {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""}, {"content-length", ""},
        {"content-location", ""}, {"content-range", ""}, {"content-type", ""}, {"cookie", ""},
        {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""},
        {"from", ""}, {"host", ""}, {"if-match", ""}, {"if-modified-since", ""},
        {"if-none-match", ""}, {"if-range", ""}, {"if-unmodified-since", ""}, {"last-modified", ""},
        {"link", ""}, {"location", ""}, {"max-forwards", ""}, {"proxy-authenticate", ""},
        {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""},
        {"www-authenticate", ""},
    };

    /** The lowest index of each name; entries with the same name are next to each other. */
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int i = ENTRIES.length - 1; i >= 0; i--) {
            BY_NAME.put(ENTRIES[i][0], i + 1);
        }
    }

    private HpackStaticTable() {
    }

    /** The name at {@code index}, 1 to {@value #LENGTH}. */
    static String name(int index) {
        return ENTRIES[index - 1][0];
    }

    static String value(int index) {
        return ENTRIES[index - 1][1];
    }

    /** The index of the entry holding exactly this name and value, or 0. Allocates nothing. */
    static int indexOf(String name, String value) {
        Integer first = BY_NAME.get(name);
        if (first == null) {
            return 0;
        }
        for (int i = first; i <= LENGTH && ENTRIES[i - 1][0].equals(name); i++) {
            if (ENTRIES[i - 1][1].equals(value)) {
                return i;
            }
        }
        return 0;
    }

    /** The lowest index of an entry with this name, or 0. */
    static int indexOfName(String name) {
        Integer index = BY_NAME.get(name);
        return index == null ? 0 : index;
    }
}
