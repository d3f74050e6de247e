package dev.gyre.proxy;

import dev.gyre.http.Request;
import dev.gyre.http.internal.Requests;
import dev.gyre.proxy.internal.ForwardedClients;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which peers may say who the client is, and in which headers. A request whose connection comes from a
 * trusted address has the header families named by {@link #headers} read (by default only
 * {@link ForwardingHeaders#X_FORWARDED}, what nginx, HAProxy and cloud balancers set; a proxy passes the
 * family it does not set through from the client, so reading both by default would believe the client).
 * With both families named, {@code Forwarded} (RFC 7239) is read when present, else {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. From any other peer those headers are ignored,
 * because anyone can send them.
 *
 * <p>The client is found by walking the list of hops from the nearest (the right) while each hop is itself
 * a trusted proxy: the first untrusted address is the client. The walk also stops at an element that does
 * not parse, at a chain's leftmost entry, and after {@value #MAX_HOPS} hops; then the last hop walked, the
 * one a trusted proxy wrote, is the client. Whatever is left of where the walk stopped is never read. With
 * {@code Forwarded}, that hop's {@code proto} and {@code host} are the ones its proxy saw; with the
 * {@code X-Forwarded-*} headers, the last {@code -Proto} and {@code -Host} values, the ones the trusted peer
 * set, are used. A scheme other than {@code http} or {@code https}, a host with
 * characters no host has, or a node that is not an IP literal ({@code unknown}, {@code _hidden}) is not
 * taken; then {@link Request} keeps what the connection itself said for that part.
 *
 * <p>Immutable and thread-safe; {@link #resolve} runs on the loop and allocates only when a trusted
 * peer sent such headers.
 */
public final class TrustedProxies {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    /** Hops examined at most, so a long header from a trusted peer costs bounded work. */
    static final int MAX_HOPS = 32;
    private static final TrustedProxies NONE = new TrustedProxies(List.of(), EnumSet.of(ForwardingHeaders.X_FORWARDED));

    static {
        ForwardedClients.install(TrustedProxies::resolve);
    }

    private final List<AddressRange> ranges;
    private final Set<ForwardingHeaders> families;

    private TrustedProxies(List<AddressRange> ranges, Set<ForwardingHeaders> families) {
        this.ranges = List.copyOf(ranges);
        this.families = Collections.unmodifiableSet(EnumSet.copyOf(families));
    }

    /** Nobody: forwarding headers are never read. */
    public static TrustedProxies none() {
        return NONE;
    }

    /** The given addresses and CIDR ranges, e.g. {@code of("10.0.0.0/8", "127.0.0.1", "::1")}. */
    public static TrustedProxies of(String... addressesOrRanges) {
        List<AddressRange> parsed = new ArrayList<>();
        for (String text : addressesOrRanges) {
            parsed.add(AddressRange.parse(text));
        }
        return new TrustedProxies(parsed, NONE.families);
    }

    /**
     * The same peers, believed only in the given header families: name the family your proxy sets and
     * make it overwrite or strip what the client sent in it. Default {@link ForwardingHeaders#X_FORWARDED}.
     */
    public TrustedProxies headers(ForwardingHeaders family, ForwardingHeaders... more) {
        return new TrustedProxies(ranges, EnumSet.of(family, more));
    }

    /** The header families read from a trusted peer. */
    public Set<ForwardingHeaders> headers() {
        return families;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public List<AddressRange> ranges() {
        return ranges;
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        for (AddressRange r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Sets the request's client, scheme and host from a trusted peer's headers; does nothing otherwise. */
    private void resolve(Request request) {
        InetSocketAddress peer = request.remoteAddress();
        if (ranges.isEmpty() || peer == null || peer.getAddress() == null || !trusts(peer.getAddress())) {
            return;
        }
        List<String> forwarded = families.contains(ForwardingHeaders.FORWARDED)
                ? request.headers().all("Forwarded") : List.of();
        if (!forwarded.isEmpty()) {
            fromForwarded(request, ForwardedHop.nearestFirst(forwarded, MAX_HOPS));
        } else if (families.contains(ForwardingHeaders.X_FORWARDED)) {
            fromXForwarded(request);
        }
    }

    private void fromForwarded(Request request, List<ForwardedHop> hops) {
        ForwardedHop believed = null;
        InetSocketAddress client = null;
        for (ForwardedHop hop : hops) {
            believed = hop;
            client = hop.node() == null ? null : node(hop.node());
            if (client == null || !trusts(client.getAddress())) {
                break;
            }
        }
        if (believed != null) {
            Requests.forwarded(request, client, scheme(believed.proto()), host(believed.host()));
        }
    }

    private void fromXForwarded(Request request) {
        InetSocketAddress client = null;
        for (String entry : nearestFirst(request.headers().all("X-Forwarded-For"))) {
            InetSocketAddress hop = node(entry);
            if (hop == null) {
                break;
            }
            client = hop;
            if (!trusts(hop.getAddress())) {
                break;
            }
        }
        String proto = last(request.headers().all("X-Forwarded-Proto"));
        String host = last(request.headers().all("X-Forwarded-Host"));
        proto = proto == null ? null : scheme(proto.toLowerCase(Locale.ROOT));
        host = host == null ? null : host(host);
        if (client != null || proto != null || host != null) {
            Requests.forwarded(request, client, proto, host);
        }
    }

    /**
     * Up to {@value #MAX_HOPS} comma-separated entries of the field values, the rightmost first, found
     * from the right so a long header is never split whole; empty entries are skipped.
     */
    private static List<String> nearestFirst(List<String> fieldValues) {
        List<String> out = new ArrayList<>();
        for (int f = fieldValues.size() - 1; f >= 0 && out.size() < MAX_HOPS; f--) {
            String value = fieldValues.get(f);
            int end = value.length();
            while (end >= 0 && out.size() < MAX_HOPS) {
                int comma = value.lastIndexOf(',', end - 1);
                String entry = value.substring(comma + 1, end).strip();
                if (!entry.isEmpty()) {
                    out.add(entry);
                }
                end = comma;
            }
        }
        return out;
    }

    private static String last(List<String> fieldValues) {
        List<String> entries = nearestFirst(fieldValues);
        return entries.isEmpty() ? null : entries.getFirst();
    }

    /** An address with an optional port: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [::1]:80}, {@code ::1}. */
    private static InetSocketAddress node(String text) {
        String address = text;
        int port = 0;
        int close = text.lastIndexOf(']');
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if ((bracketed && colon > close) || (!bracketed && colon > 0 && colon == text.indexOf(':'))) {
            address = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = 0;
            }
            if (port < 0 || port > 65535) {
                port = 0;
            }
        }
        InetAddress parsed = IpLiterals.parse(address);
        return parsed == null ? null : new InetSocketAddress(parsed, port);
    }

    private static String scheme(String proto) {
        return "http".equals(proto) || "https".equals(proto) ? proto : null;
    }

    private static String host(String host) {
        return host != null && HOST.matcher(host).matches() ? host : null;
    }

    @Override
    public String toString() {
        return ranges + " " + families;
    }
}
