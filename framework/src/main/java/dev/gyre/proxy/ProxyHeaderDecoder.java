package dev.gyre.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the PROXY protocol header (HAProxy's {@code doc/proxy-protocol.txt}, version 1 text and version 2
 * binary) at the start of a connection, from bytes that may arrive in pieces of any size.
 *
 * <pre>
 *            'P' ─▶ V1 ── "\r\n" within 107 bytes ─▶ parse the line ─▶ DONE
 *   START ─┤          └── 107 bytes without it, a bare CR or LF, a byte outside 0x20..0x7E ─▶ FAILED
 *            '\r' ─▶ V2_FIXED ── 16 bytes: signature, version 2, command, family, length ≤ cap ─▶ V2_BLOCK
 *            │                                                          V2_BLOCK ── length bytes ─▶ DONE
 *            └── anything else, or a byte that departs from "PROXY " or the v2 signature ─▶ FAILED
 * </pre>
 *
 * <p>Limits, from the specification where it sets one:
 * <table>
 *   <caption>limits</caption>
 *   <tr><th>what</th><th>limit</th></tr>
 *   <tr><td>a version 1 line, CRLF included</td><td>{@value #MAX_V1} bytes (§2.1)</td></tr>
 *   <tr><td>a version 2 address block and TLVs</td><td>{@value #MAX_V2_BLOCK} bytes (the specification allows
 *       65,535; load balancers send well under 1 KiB)</td></tr>
 * </table>
 *
 * <p>What is read is bounded by {@link #room()}: at most 16 bytes until the version is known, then up to the
 * end of the version 1 line's maximum or exactly the version 2 header's length, so at most the rest of a
 * 107-byte window is read past a version 1 header, and nothing past a version 2 one. Those bytes are the
 * protocol's first and are given back by {@link #rest()}.
 *
 * <p>What the header says ({@link ProxyHeader}): {@code TCP4}/{@code TCP6} and v2 {@code PROXY} over
 * {@code INET}/{@code INET6} {@code STREAM} name the client; v1 {@code UNKNOWN}, the v2 {@code LOCAL}
 * command (a health check from the proxy itself) and the v2 families and transports it does not serve
 * ({@code UNSPEC}, {@code UNIX}, {@code DGRAM}) keep the connection's own addresses, as §2.1 and §2.2 ask of
 * a receiver. TLVs are walked for well-formedness and skipped. One instance per connection; not thread-safe.
 */
final class ProxyHeaderDecoder {
    static final int MAX_V1 = 107;
    static final int MAX_V2_BLOCK = 2048;
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
            0x0A};
    private static final int V2_FIXED = 16;
    private static final int V2_INET_BLOCK = 12;
    private static final int V2_INET6_BLOCK = 36;

    /** What {@link #decode()} found so far. */
    enum Status { NEED_MORE, DONE, FAILED }

    private enum State { START, V1, V2_FIXED, V2_BLOCK, DONE, FAILED }

    private ByteBuffer buffer = ByteBuffer.allocate(MAX_V1);
    private State state = State.START;
    private int headerLength;
    private ProxyHeader header;
    private String failure;

    /**
     * Where the next read goes: the decoder's buffer, its limit set so no read takes more than the header may
     * still need (see the class comment). Read into it, then call {@link #decode()}.
     */
    ByteBuffer room() {
        int end = switch (state) {
            case START, V2_FIXED -> V2_FIXED;
            case V1 -> MAX_V1;
            case V2_BLOCK -> headerLength;
            case DONE, FAILED -> buffer.position();
        };
        return buffer.limit(end);
    }

    /** Looks at what has been read into {@link #room()}. */
    Status decode() {
        int have = buffer.position();
        if (state == State.START && have > 0) {
            byte first = buffer.get(0);
            state = first == V1_PREFIX[0] ? State.V1 : first == V2_SIGNATURE[0] ? State.V2_FIXED : fail(
                    "neither a version 1 nor a version 2 header");
        }
        if (state == State.V1) {
            v1(have);
        }
        if (state == State.V2_FIXED) {
            v2Fixed(have);
        }
        if (state == State.V2_BLOCK && have >= headerLength) {
            header = v2Block();
            state = header == null ? State.FAILED : State.DONE;
        }
        return switch (state) {
            case DONE -> Status.DONE;
            case FAILED -> Status.FAILED;
            default -> Status.NEED_MORE;
        };
    }

    /** What the header said; after {@link Status#DONE}. */
    ProxyHeader header() {
        return header;
    }

    /** Why it failed; after {@link Status#FAILED}. */
    String failure() {
        return failure;
    }

    /** The bytes read past the header, for the protocol after it (often empty); after {@link Status#DONE}. */
    ByteBuffer rest() {
        return ByteBuffer.wrap(Arrays.copyOfRange(buffer.array(), headerLength, buffer.position()));
    }

    private void v1(int have) {
        if (!startsAs(V1_PREFIX, have)) {
            fail("not a PROXY line");
            return;
        }
        byte[] b = buffer.array();
        for (int i = 0; i < have; i++) {
            if (b[i] == '\r' && i + 1 < have) {
                if (b[i + 1] != '\n') {
                    fail("a CR without LF");
                    return;
                }
                headerLength = i + 2;
                header = v1Line(new String(b, 0, i, StandardCharsets.US_ASCII));
                state = header == null ? fail("a malformed PROXY line") : State.DONE;
                return;
            }
            if (b[i] == '\n' || (b[i] != '\r' && (b[i] < 0x20 || b[i] > 0x7E))) {
                fail("a byte a PROXY line may not hold");
                return;
            }
        }
        if (have >= MAX_V1) {
            fail("a PROXY line longer than " + MAX_V1 + " bytes");
        }
    }

    /** §2.1: {@code PROXY TCP4|TCP6 src dst sport dport}, or {@code PROXY UNKNOWN} and anything. */
    private static ProxyHeader v1Line(String line) {
        String[] f = line.split(" ", -1);
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return ProxyHeader.LOCAL;
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            return null;
        }
        boolean v6 = f[1].equals("TCP6");
        InetAddress src = v1Address(f[2], v6);
        InetAddress dst = v1Address(f[3], v6);
        int sport = v1Port(f[4]);
        int dport = v1Port(f[5]);
        if (src == null || dst == null || sport < 0 || dport < 0) {
            return null;
        }
        return new ProxyHeader(new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport));
    }

    private static InetAddress v1Address(String text, boolean v6) {
        if (text.isEmpty() || text.startsWith("[") || (text.indexOf(':') >= 0) != v6) {
            return null;
        }
        return IpLiterals.parse(text);
    }

    private static int v1Port(String text) {
        if (text.isEmpty() || text.length() > 5 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }

    private void v2Fixed(int have) {
        if (!startsAs(V2_SIGNATURE, have)) {
            fail("not a version 2 signature");
            return;
        }
        if (have < V2_FIXED) {
            return;
        }
        int versionCommand = buffer.get(12) & 0xFF;
        int familyTransport = buffer.get(13) & 0xFF;
        int length = buffer.getShort(14) & 0xFFFF;
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0F) > 1) {
            fail("version 2 with an unknown version or command");
        } else if (familyTransport >> 4 > 3 || (familyTransport & 0x0F) > 2) {
            fail("version 2 with an unknown family or transport");
        } else if (length > MAX_V2_BLOCK) {
            fail("a version 2 block of " + length + " bytes, above " + MAX_V2_BLOCK);
        } else {
            headerLength = V2_FIXED + length;
            ByteBuffer whole = ByteBuffer.allocate(headerLength).put(buffer.flip());
            buffer = whole;
            state = State.V2_BLOCK;
        }
    }

    /** §2.2: the address block for the family, then TLVs to the end; {@code null} when malformed. */
    private ProxyHeader v2Block() {
        if ((buffer.get(12) & 0x0F) == 0) {
            return ProxyHeader.LOCAL;
        }
        int family = (buffer.get(13) & 0xFF) >> 4;
        boolean stream = (buffer.get(13) & 0x0F) == 1;
        int addresses = switch (family) {
            case 1 -> V2_INET_BLOCK;
            case 2 -> V2_INET6_BLOCK;
            case 3 -> 216;
            default -> 0;
        };
        if (headerLength - V2_FIXED < addresses || !tlvsFit(V2_FIXED + addresses)) {
            fail("a version 2 block shorter than its addresses or TLVs");
            return null;
        }
        if (!stream || (family != 1 && family != 2)) {
            return ProxyHeader.LOCAL;
        }
        int size = family == 1 ? 4 : 16;
        InetAddress src = v2Address(V2_FIXED, size);
        InetAddress dst = v2Address(V2_FIXED + size, size);
        int sport = buffer.getShort(V2_FIXED + 2 * size) & 0xFFFF;
        int dport = buffer.getShort(V2_FIXED + 2 * size + 2) & 0xFFFF;
        return new ProxyHeader(new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport));
    }

    /** Each TLV is a type byte, a two-byte length and that many bytes; they must end exactly at the end. */
    private boolean tlvsFit(int from) {
        int at = from;
        while (at < headerLength) {
            if (headerLength - at < 3) {
                return false;
            }
            at += 3 + (buffer.getShort(at + 1) & 0xFFFF);
        }
        return at == headerLength;
    }

    private InetAddress v2Address(int at, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(buffer.array(), at, at + size));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private boolean startsAs(byte[] prefix, int have) {
        for (int i = 0; i < Math.min(have, prefix.length); i++) {
            if (buffer.get(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private State fail(String why) {
        failure = why;
        state = State.FAILED;
        return State.FAILED;
    }
}
