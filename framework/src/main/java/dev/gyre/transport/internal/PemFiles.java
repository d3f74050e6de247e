package dev.gyre.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files with the JDK alone: certificates through {@link CertificateFactory} (which reads PEM text),
 * private keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) through {@link KeyFactory}, trying RSA, EC
 * and EdDSA. Traditional OpenSSL keys ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) and
 * encrypted PKCS#8 are refused with the {@code openssl} command that converts them.
 */
final class PemFiles {
    private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
    private static final String END_KEY = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemFiles() {
    }

    /** Every certificate in the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return certificates;
        }
    }

    /** A key store of the certificates in {@code file}, as trust anchors. */
    static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(file)) {
            store.setCertificateEntry("trusted-" + i++, c);
        }
        return store;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(BEGIN_KEY);
        int end = text.indexOf(END_KEY);
        if (begin < 0 || end < begin) {
            String found = text.contains("-----BEGIN RSA PRIVATE KEY") || text.contains("-----BEGIN EC PRIVATE KEY")
                    ? "a traditional OpenSSL key" : text.contains("-----BEGIN ENCRYPTED PRIVATE KEY")
                    ? "an encrypted key" : "no PEM private key";
            throw new GeneralSecurityException(file + " holds " + found + "; Gyre reads unencrypted PKCS#8 ("
                    + BEGIN_KEY + "): convert with `openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                    + " -out key.pem`");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN_KEY.length(), end));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm may read it
            }
        }
        throw new GeneralSecurityException(file + ": not an RSA, EC or EdDSA PKCS#8 key");
    }

    /** Fails unless {@code key} belongs to {@code leaf}: a mismatch would otherwise surface as failed handshakes. */
    static void checkPair(PrivateKey key, X509Certificate leaf, Path keyFile, Path chainFile)
            throws GeneralSecurityException {
        GeneralSecurityException mismatch = new GeneralSecurityException(
                keyFile + " is not the key of the first certificate in " + chainFile);
        if (!key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm())) {
            throw mismatch;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm();
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "gyre key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        PublicKey publicKey = leaf.getPublicKey();
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw mismatch;
        }
    }
}
