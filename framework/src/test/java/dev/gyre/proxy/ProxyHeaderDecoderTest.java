package dev.gyre.proxy;

import static dev.gyre.proxy.ProxyHeaders.LOCAL;
import static dev.gyre.proxy.ProxyHeaders.PROXY;
import static dev.gyre.proxy.ProxyHeaders.TCP4;
import static dev.gyre.proxy.ProxyHeaders.TCP6;
import static dev.gyre.proxy.ProxyHeaders.UNIX_STREAM;
import static dev.gyre.proxy.ProxyHeaders.addresses;
import static dev.gyre.proxy.ProxyHeaders.concat;
import static dev.gyre.proxy.ProxyHeaders.tlv;
import static dev.gyre.proxy.ProxyHeaders.v1;
import static dev.gyre.proxy.ProxyHeaders.v2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder fed each fixture in every piece size from 1 to its length, as a socket may deliver it, with the
 * first bytes of an HTTP request behind the header: what it decodes, what it gives back, and what it reads.
 */
class ProxyHeaderDecoderTest {
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static DecoderRun feed(byte[] bytes, int piece, ProxyHeaderDecoder.Status expected) {
        DecoderRun run = DecoderRun.of(bytes, piece);
        assertEquals(expected, run.status(), "piece " + piece + ": " + run.failure());
        return run;
    }

    private static void decodes(byte[] header, InetSocketAddress source, InetSocketAddress destination) {
        byte[] input = concat(header, REQUEST);
        for (int piece = 1; piece <= input.length; piece++) {
            DecoderRun run = feed(input, piece, ProxyHeaderDecoder.Status.DONE);
            assertEquals(new ProxyHeader(source, destination), run.header(), "piece " + piece);
            byte[] rest = run.rest();
            assertArrayEquals(Arrays.copyOf(REQUEST, rest.length), rest, "what was read past the header");
            assertTrue(header.length + rest.length <= Math.max(header.length, ProxyHeaderDecoder.MAX_V1),
                    "read " + rest.length + " bytes past a header of " + header.length);
        }
    }

    private static void refuses(byte[] input) {
        for (int piece = 1; piece <= input.length; piece++) {
            feed(input, piece, ProxyHeaderDecoder.Status.FAILED);
        }
    }

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(IpLiterals.parse(ip), port);
    }

    @Test
    void v1Tcp4AndTcp6NameTheClientAndItsDestination() {
        decodes(v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n"), at("203.0.113.7", 51234), at("10.0.0.1", 8080));
        decodes(v1("PROXY TCP6 2001:db8::7 2001:db8::1 65535 0\r\n"), at("2001:db8::7", 65535), at("2001:db8::1", 0));
        decodes(v1("PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                + "65535 65535\r\n"), at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535),
                at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535));
    }

    @Test
    void v1UnknownKeepsTheConnectionsOwnAddresses() {
        decodes(v1("PROXY UNKNOWN\r\n"), null, null);
        decodes(v1("PROXY UNKNOWN ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ::1 65535 65535\r\n"), null, null);
    }

    @Test
    void v2NamesTheClientAndSkipsTlvs() {
        byte[] tlvs = concat(tlv(0x01, "h2".getBytes(StandardCharsets.US_ASCII)), tlv(0x04, new byte[0]),
                tlv(0xEA, new byte[300]));
        decodes(v2(PROXY, TCP4, addresses("203.0.113.7", "10.0.0.1", 51234, 8080, tlvs)),
                at("203.0.113.7", 51234), at("10.0.0.1", 8080));
        decodes(v2(PROXY, TCP6, addresses("2001:db8::7", "2001:db8::1", 1, 443)), at("2001:db8::7", 1),
                at("2001:db8::1", 443));
    }

    @Test
    void v2LocalUnspecAndUnixKeepTheConnectionsOwnAddresses() {
        decodes(v2(LOCAL, 0x00, new byte[0]), null, null);
        decodes(v2(LOCAL, TCP4, addresses("203.0.113.7", "10.0.0.1", 1, 2)), null, null);
        decodes(v2(PROXY, 0x00, new byte[0]), null, null);
        decodes(v2(PROXY, UNIX_STREAM, new byte[216]), null, null);
        decodes(v2(PROXY, 0x12, addresses("203.0.113.7", "10.0.0.1", 53, 53)), null, null);
    }

    @Test
    void malformedHeadersAreRefused() {
        List<byte[]> bad = List.of(
                REQUEST,
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\rX"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234\r\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080 extra\r\n"),
                v1("PROXY TCP4 203.0.113.7  10.0.0.1 51234 8080\r\n"),
                v1("PROXY TCP5 203.0.113.7 10.0.0.1 51234 8080\r\n"),
                v1("PROXY TCP4 2001:db8::7 10.0.0.1 51234 8080\r\n"),
                v1("PROXY TCP6 203.0.113.7 2001:db8::1 51234 8080\r\n"),
                v1("PROXY TCP4 gyre.example 10.0.0.1 51234 8080\r\n"),
                v1("PROXY TCP4 203.0.113.256 10.0.0.1 51234 8080\r\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 65536 8080\r\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 -1 8080\r\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 0080 8080\r\n"),
                v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\u0000\r\n"),
                v1("proxy TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n"),
                v1("PROXY UNKNOWN " + "x".repeat(ProxyHeaderDecoder.MAX_V1) + "\r\n"),
                v2(0x31, TCP4, addresses("203.0.113.7", "10.0.0.1", 1, 2)),
                v2(0x22, TCP4, addresses("203.0.113.7", "10.0.0.1", 1, 2)),
                v2(PROXY, 0x41, addresses("203.0.113.7", "10.0.0.1", 1, 2)),
                v2(PROXY, 0x13, addresses("203.0.113.7", "10.0.0.1", 1, 2)),
                v2(PROXY, TCP4, new byte[11]),
                v2(PROXY, TCP6, addresses("203.0.113.7", "10.0.0.1", 1, 2)),
                v2(PROXY, TCP4, concat(addresses("203.0.113.7", "10.0.0.1", 1, 2), new byte[] {0x01, 0x00, 0x05, 1})),
                v2(PROXY, TCP4, concat(addresses("203.0.113.7", "10.0.0.1", 1, 2), new byte[] {0x01, 0x00})),
                v2(PROXY, TCP4, new byte[ProxyHeaderDecoder.MAX_V2_BLOCK + 1]),
                concat(Arrays.copyOf(ProxyHeaders.SIGNATURE, 11), new byte[] {0x0B}, new byte[] {PROXY, TCP4, 0, 12}));
        for (byte[] input : bad) {
            refuses(input);
        }
    }

    @Test
    void aV1LineIsGivenUpAtItsMaximumLength() {
        byte[] endless = v1("PROXY UNKNOWN " + "x".repeat(500));
        for (int piece : new int[] {1, 7, endless.length}) {
            assertEquals(ProxyHeaderDecoder.MAX_V1, feed(endless, piece, ProxyHeaderDecoder.Status.FAILED).read(),
                    "bytes read before giving up, pieces of " + piece);
        }
    }
}
