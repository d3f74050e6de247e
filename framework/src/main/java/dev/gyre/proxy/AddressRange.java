package dev.gyre.proxy;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One address or CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}). Parsing never
 * asks DNS: only literals are accepted.
 */
public record AddressRange(InetAddress network, int prefixBits) {

    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixBits < 0 || prefixBits > bits) {
            throw new IllegalArgumentException("a prefix of " + prefixBits + " bits does not fit " + network);
        }
    }

    /** Parses {@code address} or {@code address/bits}. */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text.strip() : text.substring(0, slash).strip();
        InetAddress network = IpLiterals.parse(address);
        if (network == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
        }
        int bits = network.getAddress().length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: " + text);
            }
        }
        return new AddressRange(network, bits);
    }

    /** Whether {@code address} is inside this range; an IPv4 address is never inside an IPv6 range. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[whole] & mask) == (n[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixBits;
    }
}
