package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;

/**
 * The Huffman code of RFC 7541 Appendix B, and its encoder and decoder (RFC 7541 §5.2).
 *
 * <p>The code is kept as data: {@link #CODES} and {@link #LENGTHS} are the table of the appendix, symbol by
 * symbol (256 is EOS), each code aligned to its least significant bit. From it a decoding table is built once:
 * the code tree has 256 inner nodes, and for each node and each 4-bit nibble of input the table says which
 * node the walk reaches, which symbol (at most one: no code is shorter than 5 bits) it emitted on the way,
 * and whether it met EOS. Decoding reads a nibble per step, without branches per bit.
 *
 * <p>The decoder refuses what §5.2 refuses: the EOS symbol in the data, padding longer than 7 bits, and
 * padding that is not the most significant bits of EOS (all ones). Stateless and thread-safe.
 */
final class Huffman {
    static final int[] CODES = {
        0x1ff8, 0x7fffd8, 0xfffffe2, 0xfffffe3, 0xfffffe4, 0xfffffe5, 0xfffffe6, 0xfffffe7,
        0xfffffe8, 0xffffea, 0x3ffffffc, 0xfffffe9, 0xfffffea, 0x3ffffffd, 0xfffffeb, 0xfffffec,
        0xfffffed, 0xfffffee, 0xfffffef, 0xffffff0, 0xffffff1, 0xffffff2, 0x3ffffffe, 0xffffff3,
        0xffffff4, 0xffffff5, 0xffffff6, 0xffffff7, 0xffffff8, 0xffffff9, 0xffffffa, 0xffffffb,
        0x14, 0x3f8, 0x3f9, 0xffa, 0x1ff9, 0x15, 0xf8, 0x7fa,
        0x3fa, 0x3fb, 0xf9, 0x7fb, 0xfa, 0x16, 0x17, 0x18,
        0x0, 0x1, 0x2, 0x19, 0x1a, 0x1b, 0x1c, 0x1d,
        0x1e, 0x1f, 0x5c, 0xfb, 0x7ffc, 0x20, 0xffb, 0x3fc,
        0x1ffa, 0x21, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x62,
        0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
        0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72,
        0xfc, 0x73, 0xfd, 0x1ffb, 0x7fff0, 0x1ffc, 0x3ffc, 0x22,
        0x7ffd, 0x3, 0x23, 0x4, 0x24, 0x5, 0x25, 0x26,
        0x27, 0x6, 0x74, 0x75, 0x28, 0x29, 0x2a, 0x7,
        0x2b, 0x76, 0x2c, 0x8, 0x9, 0x2d, 0x77, 0x78,
        0x79, 0x7a, 0x7b, 0x7ffe, 0x7fc, 0x3ffd, 0x1ffd, 0xffffffc,
        0xfffe6, 0x3fffd2, 0xfffe7, 0xfffe8, 0x3fffd3, 0x3fffd4, 0x3fffd5, 0x7fffd9,
        0x3fffd6, 0x7fffda, 0x7fffdb, 0x7fffdc, 0x7fffdd, 0x7fffde, 0xffffeb, 0x7fffdf,
        0xffffec, 0xffffed, 0x3fffd7, 0x7fffe0, 0xffffee, 0x7fffe1, 0x7fffe2, 0x7fffe3,
        0x7fffe4, 0x1fffdc, 0x3fffd8, 0x7fffe5, 0x3fffd9, 0x7fffe6, 0x7fffe7, 0xffffef,
        0x3fffda, 0x1fffdd, 0xfffe9, 0x3fffdb, 0x3fffdc, 0x7fffe8, 0x7fffe9, 0x1fffde,
        0x7fffea, 0x3fffdd, 0x3fffde, 0xfffff0, 0x1fffdf, 0x3fffdf, 0x7fffeb, 0x7fffec,
        0x1fffe0, 0x1fffe1, 0x3fffe0, 0x1fffe2, 0x7fffed, 0x3fffe1, 0x7fffee, 0x7fffef,
        0xfffea, 0x3fffe2, 0x3fffe3, 0x3fffe4, 0x7ffff0, 0x3fffe5, 0x3fffe6, 0x7ffff1,
        0x3ffffe0, 0x3ffffe1, 0xfffeb, 0x7fff1, 0x3fffe7, 0x7ffff2, 0x3fffe8, 0x1ffffec,
        0x3ffffe2, 0x3ffffe3, 0x3ffffe4, 0x7ffffde, 0x7ffffdf, 0x3ffffe5, 0xfffff1, 0x1ffffed,
        0x7fff2, 0x1fffe3, 0x3ffffe6, 0x7ffffe0, 0x7ffffe1, 0x3ffffe7, 0x7ffffe2, 0xfffff2,
        0x1fffe4, 0x1fffe5, 0x3ffffe8, 0x3ffffe9, 0xffffffd, 0x7ffffe3, 0x7ffffe4, 0x7ffffe5,
        0xfffec, 0xfffff3, 0xfffed, 0x1fffe6, 0x3fffe9, 0x1fffe7, 0x1fffe8, 0x7ffff3,
        0x3fffea, 0x3fffeb, 0x1ffffee, 0x1ffffef, 0xfffff4, 0xfffff5, 0x3ffffea, 0x7ffff4,
        0x3ffffeb, 0x7ffffe6, 0x3ffffec, 0x3ffffed, 0x7ffffe7, 0x7ffffe8, 0x7ffffe9, 0x7ffffea,
        0x7ffffeb, 0xffffffe, 0x7ffffec, 0x7ffffed, 0x7ffffee, 0x7ffffef, 0x7fffff0, 0x3ffffee,
        0x3fffffff,    };

    static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,    };

    private static final int EOS = 256;
    private static final int EMITS = 1 << 8;
    private static final int SYMBOL_SHIFT = 9;
    private static final int FAILS = 1 << 18;
    private static final int MAY_END = 1 << 19;

    /** Per node (16 entries each): next node | EMITS | symbol << SYMBOL_SHIFT | FAILS | MAY_END. */
    private static final int[] DECODE = buildDecodeTable();

    private Huffman() {
    }

    /** How many bytes {@code s} takes Huffman-coded; every character must be ISO-8859-1. */
    static int encodedLength(CharSequence s) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += LENGTHS[s.charAt(i) & 0xFF];
        }
        return (int) ((bits + 7) >> 3);
    }

    /** Appends the Huffman code of {@code s}, padded with the high bits of EOS to a whole byte. */
    static void encode(CharSequence s, ByteSink out) {
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int symbol = s.charAt(i) & 0xFF;
            acc = (acc << LENGTHS[symbol]) | CODES[symbol];
            bits += LENGTHS[symbol];
            while (bits >= 8) {
                bits -= 8;
                out.append((byte) (acc >> bits));
            }
        }
        if (bits > 0) {
            out.append((byte) ((acc << (8 - bits)) | (0xFF >>> bits)));
        }
    }

    /**
     * Decodes {@code length} bytes of {@code src} from {@code offset} into {@code dst}, which must hold at
     * least {@code length * 8 / 5} bytes.
     *
     * @return how many bytes were written to {@code dst}, or -1 if the input is not a valid Huffman string
     */
    static int decode(byte[] src, int offset, int length, byte[] dst) {
        int node = 0;
        int entry = MAY_END;
        int written = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = src[i] & 0xFF;
            entry = DECODE[(node << 4) | (b >>> 4)];
            if ((entry & FAILS) != 0) {
                return -1;
            }
            if ((entry & EMITS) != 0) {
                dst[written++] = (byte) (entry >>> SYMBOL_SHIFT);
            }
            node = entry & 0xFF;
            entry = DECODE[(node << 4) | (b & 0x0F)];
            if ((entry & FAILS) != 0) {
                return -1;
            }
            if ((entry & EMITS) != 0) {
                dst[written++] = (byte) (entry >>> SYMBOL_SHIFT);
            }
            node = entry & 0xFF;
        }
        return (entry & MAY_END) != 0 ? written : -1;
    }

    private static int[] buildDecodeTable() {
        // children[2n] / [2n+1]: the 0 / 1 child of inner node n; a leaf is stored as -(symbol + 1).
        int[] children = new int[2 * 256];
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int node = 0;
            for (int bit = LENGTHS[symbol] - 1; bit >= 0; bit--) {
                int slot = 2 * node + ((CODES[symbol] >>> bit) & 1);
                if (bit == 0) {
                    children[slot] = -(symbol + 1);
                } else {
                    if (children[slot] == 0) {
                        children[slot] = nodes++;
                    }
                    node = children[slot];
                }
            }
        }
        // A walk may stop at the root, or at a node reached from the root by at most 7 one-bits: padding.
        boolean[] mayEnd = new boolean[256];
        for (int node = 0, depth = 0; depth <= 7; depth++, node = children[2 * node + 1]) {
            mayEnd[node] = true;
        }
        int[] table = new int[256 * 16];
        for (int start = 0; start < 256; start++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = start;
                int entry = 0;
                for (int bit = 3; bit >= 0 && (entry & FAILS) == 0; bit--) {
                    int next = children[2 * node + ((nibble >>> bit) & 1)];
                    if (next >= 0) {
                        node = next;
                    } else if (-next - 1 == EOS) {
                        entry |= FAILS;
                    } else {
                        entry |= EMITS | ((-next - 1) << SYMBOL_SHIFT);
                        node = 0;
                    }
                }
                table[(start << 4) | nibble] = entry | node | (mayEnd[node] ? MAY_END : 0);
            }
        }
        return table;
    }
}
