package io.clstr.adapters.nats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for TLS tests: it issues server and client certificates (EC P-256, valid for
 * a day) and writes them, with their keys, as PEM files the way {@code openssl} 3 does (certificates, unencrypted
 * PKCS#8 keys). Made in the JVM, so the tests need no {@code openssl} and no fixture files that expire.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Path directory;
    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(Path directory, X500Name name, KeyPair keys, X509Certificate certificate) {
        this.directory = directory;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new CA, writing its files into {@code directory}; its own certificate is {@code <caName>.pem}. */
    public static TestCertificates authority(Path directory, String caName) {
        X500Name name = new X500Name("CN=" + caName);
        KeyPair keys = newKeys();
        X509Certificate certificate = sign(name, keys, name, keys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        TestCertificates authority = new TestCertificates(directory, name, keys, certificate);
        authority.write(caName + ".pem", pem("CERTIFICATE", encoded(certificate)));
        return authority;
    }

    /** The CA's certificate, to trust. */
    public Path caFile() {
        return directory.resolve(name.toString().substring("CN=".length()) + ".pem");
    }

    /**
     * A server certificate for these names: IP addresses become IP subject alternative names, anything else DNS
     * names.
     */
    public Issued server(String fileName, String... names) {
        return issue(fileName, KeyPurposeId.id_kp_serverAuth, names);
    }

    /** A client certificate, for mutual TLS. */
    public Issued client(String fileName) {
        return issue(fileName, KeyPurposeId.id_kp_clientAuth);
    }

    /** A certificate and its key, as files. */
    public record Issued(Path certificateFile, Path keyFile) {
    }

    private Issued issue(String fileName, KeyPurposeId purpose, String... names) {
        KeyPair issuedKeys = newKeys();
        X509Certificate issued = sign(new X500Name("CN=" + fileName), issuedKeys, name, keys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (names.length > 0) {
                List<GeneralName> alternatives = new ArrayList<>();
                for (String alternative : names) {
                    boolean ip = alternative.matches("[0-9.]+") || alternative.contains(":");
                    alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, alternative));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            }
        });
        Path certificateFile = write(fileName + ".pem", pem("CERTIFICATE", encoded(issued)));
        Path keyFile = write(fileName + "-key.pem", pem("PRIVATE KEY", issuedKeys.getPrivate().getEncoded()));
        return new Issued(certificateFile, keyFile);
    }

    /** Writes a file of text, for keys in other formats than PKCS#8. */
    public Path write(String fileName, String content) {
        try {
            return Files.writeString(directory.resolve(fileName), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            Extensions extensions) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        try {
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC keys in this JVM", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text: the DER in base64, 64 characters a line, between the type's armour lines. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
