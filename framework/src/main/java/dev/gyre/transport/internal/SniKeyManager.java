package dev.gyre.transport.internal;

import dev.gyre.transport.internal.KeySource.KeyEntry;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the server's certificate by the host name the client sent (SNI): an exact name first, then a
 * {@code *.domain} wildcard one label deep, else the default. The JDK asks once per key type it could use
 * (RSA, EC, EdDSA…); a certificate whose key is of another type is not offered for it. Immutable: a reload
 * builds a new one, so handshakes under way keep the certificates they started with.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private static final String DEFAULT_ALIAS = "default";

    private final Map<String, KeyEntry> byAlias = new HashMap<>();
    private final Map<String, String> aliasByName = new HashMap<>();

    SniKeyManager(KeyEntry defaultEntry, Map<String, KeyEntry> byServerName) {
        byAlias.put(DEFAULT_ALIAS, defaultEntry);
        for (Map.Entry<String, KeyEntry> e : byServerName.entrySet()) {
            String alias = "sni:" + e.getKey();
            byAlias.put(alias, e.getValue());
            aliasByName.put(e.getKey(), alias);
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = aliasFor(requestedHost(engine.getHandshakeSession()));
        return fits(byAlias.get(alias), keyType) ? alias : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(byAlias.get(DEFAULT_ALIAS), keyType) ? DEFAULT_ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        List<String> aliases = new ArrayList<>();
        byAlias.forEach((alias, entry) -> {
            if (fits(entry, keyType)) {
                aliases.add(alias);
            }
        });
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyEntry entry = byAlias.get(alias);
        return entry == null ? null : entry.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyEntry entry = byAlias.get(alias);
        return entry == null ? null : entry.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private String aliasFor(String host) {
        if (host == null) {
            return DEFAULT_ALIAS;
        }
        String exact = aliasByName.get(host);
        if (exact != null) {
            return exact;
        }
        int dot = host.indexOf('.');
        String wildcard = dot > 0 ? aliasByName.get("*" + host.substring(dot)) : null;
        return wildcard != null ? wildcard : DEFAULT_ALIAS;
    }

    /** The first SNI host name of the handshake, lower case, or {@code null}. */
    static String requestedHost(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** Whether the entry's key can serve the key type the JDK asks for ({@code RSA}, {@code EC}, {@code EC_EC}…). */
    private static boolean fits(KeyEntry entry, String keyType) {
        if (entry == null) {
            return false;
        }
        int underscore = keyType.indexOf('_');
        String wanted = underscore > 0 ? keyType.substring(0, underscore) : keyType;
        String actual = entry.key().getAlgorithm();
        return wanted.equals(actual) || (wanted.equals("EdDSA") && actual.startsWith("Ed"));
    }
}
