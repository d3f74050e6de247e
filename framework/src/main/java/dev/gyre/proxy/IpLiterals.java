package dev.gyre.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Turns an IP literal into an address without ever asking DNS ({@link InetAddress#getByName} would look up
 * anything that is not a literal, and a header is attacker-chosen text).
 *
 * <p>The grammar is as strict as {@code inet_pton}, so one address has one spelling a trusted-proxy rule or
 * a log line can be matched against:
 * <ul>
 *   <li>IPv4 is four dotted decimal octets of one to three digits, each at most 255, with no leading zero
 *       ({@code 010.1.1.1} is refused rather than read as decimal or octal) — the rule PROXY v1 ports follow;
 *   <li>IPv6 is RFC 4291 §2.2: eight groups of one to four hex digits, one {@code ::} standing for one or
 *       more zero groups, an optional trailing dotted quad (by the IPv4 rule) in place of the last two
 *       groups, brackets allowed around it; no zone ({@code %eth0}).
 * </ul>
 */
final class IpLiterals {
    private static final int IPV6_BYTES = 16;

    private IpLiterals() {
    }

    /** The address {@code text} spells (dotted-quad IPv4, or IPv6 with or without brackets), or {@code null}. */
    static InetAddress parse(String text) {
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        if (bracketed) {
            text = text.substring(1, text.length() - 1);
        }
        byte[] address = text.indexOf(':') >= 0 ? ipv6(text) : bracketed ? null : ipv4(text);
        if (address == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        byte[] octets = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                int digits = i - start;
                if (part == 4 || digits == 0 || digits > 3 || (digits > 1 && text.charAt(start) == '0')) {
                    return null;
                }
                int value = Integer.parseInt(text, start, i, 10);
                if (value > 255) {
                    return null;
                }
                octets[part++] = (byte) value;
                start = i + 1;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        return part == 4 ? octets : null;
    }

    private static byte[] ipv6(String text) {
        byte[] address = new byte[IPV6_BYTES];
        int filled = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (filled == IPV6_BYTES) {
                return null;
            }
            int start = i;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80) {
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                byte[] quad = filled <= IPV6_BYTES - 4 ? ipv4(text.substring(start)) : null;
                if (quad == null) {
                    return null;
                }
                System.arraycopy(quad, 0, address, filled, 4);
                filled += 4;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            int group = Integer.parseInt(text, start, i, 16);
            address[filled++] = (byte) (group >> 8);
            address[filled++] = (byte) group;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':' || ++i == n) {
                return null;
            }
            if (text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = filled;
                i++;
            }
        }
        if (gap < 0) {
            return filled == IPV6_BYTES ? address : null;
        }
        if (filled == IPV6_BYTES) {
            return null;
        }
        int tail = filled - gap;
        System.arraycopy(address, gap, address, IPV6_BYTES - tail, tail);
        Arrays.fill(address, gap, IPV6_BYTES - tail, (byte) 0);
        return address;
    }
}
