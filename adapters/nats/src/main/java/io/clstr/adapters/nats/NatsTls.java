package io.clstr.adapters.nats;

import java.nio.file.Path;
import java.util.Objects;

/** Whether and how the connection uses TLS. Passwords never appear in {@code toString()}. */
public sealed interface NatsTls permits NatsTls.Disabled, NatsTls.DefaultContext, NatsTls.KeyStores {

    /** Plain TCP (or whatever the {@code tls://} scheme of a server URL asks for). */
    record Disabled() implements NatsTls {
    }

    /** TLS with the JVM's default SSL context (its default trust store, no client certificate). */
    record DefaultContext() implements NatsTls {
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
