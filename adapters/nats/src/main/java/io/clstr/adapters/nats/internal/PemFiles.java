package io.clstr.adapters.nats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and keys from PEM files, as {@code openssl}, {@code mkcert} and cert-manager write them, into
 * key stores the JDK's TLS takes. Failures name the file, never its content.
 */
public final class PemFiles {

    /** The password of the in-memory key store: it protects nothing, since the store never leaves this process. */
    public static final char[] IN_MEMORY = "in-memory".toCharArray();

    private static final Pattern PKCS8_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern ANY_KEY = Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----");

    private PemFiles() {
    }

    /** A trust store of every certificate in {@code caFile}. */
    public static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
        List<Certificate> certificates = certificates(caFile);
        KeyStore store = emptyStore();
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    /** A key store of one entry: the chain in {@code certificateFile} (leaf first) and the key in {@code keyFile}. */
    public static KeyStore keyStore(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(certificateFile);
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Matcher pkcs8 = PKCS8_KEY.matcher(text);
        if (!pkcs8.find()) {
            Matcher other = ANY_KEY.matcher(text);
            String found = other.find() ? "a BEGIN " + other.group(1) + "PRIVATE KEY block" : "no private key";
            throw new GeneralSecurityException(keyFile + " holds " + found + "; it must hold an unencrypted PKCS#8 key"
                    + " (BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] encoded = Base64.getMimeDecoder().decode(pkcs8.group(1));
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(keyFile + " does not hold a " + algorithm
                    + " key, as the certificate in " + certificateFile + " needs", e);
        }
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + " does not hold PEM certificates", e);
        }
        if (read.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return new ArrayList<>(read);
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
