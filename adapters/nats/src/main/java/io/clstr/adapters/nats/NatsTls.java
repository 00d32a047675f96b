package io.clstr.adapters.nats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether and how the connection uses TLS. With TLS the server's certificate must chain to a trusted CA and name
 * the host of the server URL (as {@code https} checks it): an IP address needs it as an IP subject alternative
 * name, a host name as a DNS one. Passwords never appear in {@code toString()}.
 */
public sealed interface NatsTls permits NatsTls.Disabled, NatsTls.DefaultContext, NatsTls.KeyStores, NatsTls.Pem {

    /** Plain TCP, unless a server URL asks for TLS ({@code tls://}, {@code wss://}): then as {@link DefaultContext}. */
    record Disabled() implements NatsTls {
    }

    /** TLS trusting the JVM's default trust store, with no client certificate. */
    record DefaultContext() implements NatsTls {
    }

    /**
     * TLS with PEM files, as {@code openssl}, {@code mkcert} or cert-manager write them.
     *
     * @param caFile the CA certificates to trust; {@code null} for the JVM's default trust store
     * @param certificateFile this process's certificate chain, leaf first, for mutual TLS; {@code null} for none
     * @param keyFile the certificate's private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); given with
     *     {@code certificateFile}
     */
    record Pem(Path caFile, Path certificateFile, Path keyFile) implements NatsTls {
        public Pem {
            if ((certificateFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("a client certificate needs its key file, and a key its certificate");
            }
        }
    }

    /**
     * TLS with a trust store and, for mutual TLS, a key store (PKCS12 or JKS, detected from the file).
     *
     * @param keyStore {@code null} when the server does not ask for a client certificate
     */
    record KeyStores(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword)
            implements NatsTls {
        public KeyStores {
            Objects.requireNonNull(trustStore, "trustStore");
            Objects.requireNonNull(trustStorePassword, "trustStorePassword");
            if (keyStore != null) {
                Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            }
        }

        @Override
        public String toString() {
            return "KeyStores[trustStore=" + trustStore + ", keyStore=" + keyStore + ", passwords=***]";
        }
    }

    static NatsTls disabled() {
        return new Disabled();
    }
}
