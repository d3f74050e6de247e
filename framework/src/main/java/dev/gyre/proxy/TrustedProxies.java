package dev.gyre.proxy;

import dev.gyre.http.Request;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which peers may say who the client is. A request whose connection comes from a trusted address has its
 * {@code Forwarded} header (RFC 7239) read, or, when it has none, {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}; from any other peer those headers are ignored,
 * because anyone can send them.
 *
 * <p>The client is found by walking the list of hops from the nearest (the right) while each hop is itself
 * a trusted proxy: the first untrusted address is the client, and a chain of trusted proxies only ends at
 * its leftmost entry. With {@code Forwarded}, that hop's {@code proto} and {@code host} are the ones its
 * proxy saw; with the {@code X-Forwarded-*} headers, the last {@code -Proto} and {@code -Host} values, the
 * ones the trusted peer set, are used. A scheme other than {@code http} or {@code https}, a host with
 * characters no host has, or a node that is not an IP literal ({@code unknown}, {@code _hidden}) is not
 * taken; then {@link Request} keeps what the connection itself said for that part.
 *
 * <p>Immutable and thread-safe; {@link #resolve} runs on the loop and allocates only when a trusted
 * peer sent such headers.
 */
public final class TrustedProxies {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<AddressRange> ranges;

    private TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
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
        return new TrustedProxies(parsed);
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
    public void resolve(Request request) {
        InetSocketAddress peer = request.remoteAddress();
        if (ranges.isEmpty() || peer == null || peer.getAddress() == null || !trusts(peer.getAddress())) {
            return;
        }
        List<String> forwarded = request.headers().all("Forwarded");
        if (!forwarded.isEmpty()) {
            fromForwarded(request, ForwardedHop.parse(forwarded));
        } else {
            fromXForwarded(request);
        }
    }

    private void fromForwarded(Request request, List<ForwardedHop> hops) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            ForwardedHop hop = hops.get(i);
            InetSocketAddress node = hop.node() == null ? null : node(hop.node());
            if (node == null || !trusts(node.getAddress()) || i == 0) {
                request.forwarded(node, scheme(hop.proto()), host(hop.host()));
                return;
            }
        }
    }

    private void fromXForwarded(Request request) {
        List<String> chain = values(request.headers().all("X-Forwarded-For"));
        InetSocketAddress client = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            client = node(chain.get(i));
            if (client == null || !trusts(client.getAddress())) {
                break;
            }
        }
        List<String> protos = values(request.headers().all("X-Forwarded-Proto"));
        List<String> hosts = values(request.headers().all("X-Forwarded-Host"));
        String proto = protos.isEmpty() ? null : scheme(protos.getLast().toLowerCase(Locale.ROOT));
        String host = hosts.isEmpty() ? null : host(hosts.getLast());
        if (client != null || proto != null || host != null) {
            request.forwarded(client, proto, host);
        }
    }

    private static List<String> values(List<String> fieldValues) {
        List<String> out = new ArrayList<>();
        for (String value : fieldValues) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
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
        return ranges.toString();
    }
}
