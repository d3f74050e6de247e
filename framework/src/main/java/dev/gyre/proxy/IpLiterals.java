package dev.gyre.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns an IP literal into an address without ever asking DNS ({@link InetAddress#getByName} would look up
 * anything that is not a literal, and a header is attacker-chosen text).
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The address {@code text} spells (dotted-quad IPv4, or IPv6 with or without brackets), or {@code null}. */
    static InetAddress parse(String text) {
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        byte[] octets = ipv4(text);
        if (octets == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        byte[] octets = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                octets[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? octets : null;
    }

    /** {@code getByName} parses a string with a colon as an IPv6 literal and never looks it up. */
    private static InetAddress ipv6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
