package dev.gyre.http2;

import java.util.HexFormat;

/** Hex dumps as the RFCs print them ("8286 8441 …"), for fixtures. */
final class Hex {
    private Hex() {
    }

    static String format(byte[] bytes) {
        return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
    }

    static byte[] bytes(String dump) {
        return HexFormat.of().parseHex(dump.replaceAll("\\s", ""));
    }
}
