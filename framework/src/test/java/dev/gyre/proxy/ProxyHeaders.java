package dev.gyre.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-written PROXY protocol headers (HAProxy's {@code doc/proxy-protocol.txt}) for the tests. */
final class ProxyHeaders {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int PROXY = 0x21;
    static final int LOCAL = 0x20;
    static final int TCP4 = 0x11;
    static final int TCP6 = 0x21;
    static final int UNIX_STREAM = 0x31;

    private ProxyHeaders() {
    }

    static byte[] v1(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 header: the fixed part, then {@code block} (addresses and TLVs) with its length. */
    static byte[] v2(int versionCommand, int familyTransport, byte[] block) {
        return ByteBuffer.allocate(16 + block.length).put(SIGNATURE).put((byte) versionCommand)
                .put((byte) familyTransport).putShort((short) block.length).put(block).array();
    }

    /** A v2 address block for two addresses of one family and two ports, then {@code tlvs}. */
    static byte[] addresses(String source, String destination, int sourcePort, int destinationPort, byte[]... tlvs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ip(source));
        out.writeBytes(ip(destination));
        out.writeBytes(new byte[] {(byte) (sourcePort >> 8), (byte) sourcePort});
        out.writeBytes(new byte[] {(byte) (destinationPort >> 8), (byte) destinationPort});
        for (byte[] tlv : tlvs) {
            out.writeBytes(tlv);
        }
        return out.toByteArray();
    }

    /** One TLV: type, two-byte length, value. */
    static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value)
                .array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
