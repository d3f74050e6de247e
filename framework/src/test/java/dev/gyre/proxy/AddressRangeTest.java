package dev.gyre.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR ranges and IP literals, including what must not parse (and must never reach DNS). */
class AddressRangeTest {

    private static boolean contains(String range, String address) {
        return AddressRange.parse(range).contains(IpLiterals.parse(address));
    }

    @Test
    void ipv4RangesMatchOnTheirPrefixBits() {
        assertTrue(contains("10.0.0.0/8", "10.255.1.2"));
        assertFalse(contains("10.0.0.0/8", "11.0.0.1"));
        assertTrue(contains("192.168.4.0/22", "192.168.7.255"));
        assertFalse(contains("192.168.4.0/22", "192.168.8.0"));
        assertTrue(contains("127.0.0.1", "127.0.0.1"));
        assertFalse(contains("127.0.0.1", "127.0.0.2"));
        assertTrue(contains("0.0.0.0/0", "203.0.113.9"));
    }

    @Test
    void ipv6RangesMatchAndNeverContainIpv4() {
        assertTrue(contains("2001:db8::/32", "2001:db8:cafe::17"));
        assertFalse(contains("2001:db8::/32", "2001:db9::1"));
        assertTrue(contains("::1", "[::1]"));
        assertFalse(contains("::/0", "10.0.0.1"));
        assertFalse(contains("0.0.0.0/0", "::1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0", "10.0.0.256", "10.0.0.1.2", "1..2.3", "",
            "::g", "evil.example.com:80", "_hidden", "unknown"})
    void onlyLiteralsAreAddresses(String text) {
        assertNull(IpLiterals.parse(text));
    }

    /** The inet_pton grammar: one spelling per address, so a rule or a log line matches what was meant. */
    @ParameterizedTest
    @ValueSource(strings = {"010.1.1.1", "1.2.3.04", "00.0.0.0", "1.2.3.0000", "1.2.3.4.", ".1.2.3.4", "1.2.3.-4",
            "[10.0.0.1]", "\uFF11.2.3.4", "12345::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::1",
            ":1::2", "1::2:", "1:2:3:4:5:6:7::8", "::ffff:010.1.1.1", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::", "::1.2.3.4:1", "fe80::1%eth0", "[::1", "::1]", "1:2:3:4:5:6:7:8:", "::\uFF11", "::+1"})
    void literalsAreStrictLikeInetPton(String text) {
        assertNull(IpLiterals.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0|0.0.0.0", "255.255.255.255|255.255.255.255", "10.0.0.1|10.0.0.1",
            "::|0:0:0:0:0:0:0:0", "::1|0:0:0:0:0:0:0:1", "[::1]|0:0:0:0:0:0:0:1", "1::|1:0:0:0:0:0:0:0",
            "1:2:3:4:5:6:7:8|1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8|1:2:3:4:5:6:0:8", "::2:3:4:5:6:7:8|0:2:3:4:5:6:7:8",
            "2001:DB8::0001|2001:db8:0:0:0:0:0:1", "::ffff:1.2.3.4|1.2.3.4", "64:ff9b::192.0.2.1|64:ff9b:0:0:0:0:c000:201",
            "1:2:3:4:5:6:1.2.3.4|1:2:3:4:5:6:102:304"})
    void wellFormedLiteralsParse(String pair) {
        String[] sides = pair.split("\\|");
        assertEquals(sides[1], IpLiterals.parse(sides[0]).getHostAddress(), sides[0]);
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("proxy.internal/8"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("::1/129"));
        assertEquals("10.0.0.0/8", AddressRange.parse(" 10.0.0.0 / 8 ").toString());
    }
}
