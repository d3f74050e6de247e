package dev.gyre.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Where one certificate and its key come from; read again at every reload. */
public sealed interface KeySource {

    /** A private key and its certificate chain, leaf first. */
    record KeyEntry(PrivateKey key, X509Certificate[] chain) {
    }

    /** Reads the files now. */
    KeyEntry load() throws IOException, GeneralSecurityException;

    /** The files {@link #load()} reads, for the file watch. */
    List<Path> files();

    record Pem(Path chain, Path key) implements KeySource {
        @Override
        public KeyEntry load() throws IOException, GeneralSecurityException {
            List<X509Certificate> certificates = PemFiles.certificates(chain);
            PrivateKey privateKey = PemFiles.privateKey(key);
            PemFiles.checkPair(privateKey, certificates.getFirst(), key, chain);
            return new KeyEntry(privateKey, certificates.toArray(X509Certificate[]::new));
        }

        @Override
        public List<Path> files() {
            return List.of(chain, key);
        }
    }

    record Pkcs12(Path store, char[] password) implements KeySource {
        @Override
        public KeyEntry load() throws IOException, GeneralSecurityException {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password);
            }
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    Certificate[] chain = keyStore.getCertificateChain(alias);
                    return new KeyEntry((PrivateKey) keyStore.getKey(alias, password),
                            Arrays.copyOf(chain, chain.length, X509Certificate[].class));
                }
            }
            throw new GeneralSecurityException(store + " holds no private key entry");
        }

        @Override
        public List<Path> files() {
            return List.of(store);
        }

        @Override
        public String toString() {
            return "Pkcs12[" + store + "]";
        }
    }
}
