package io.clstr.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach NATS. At most one way of authenticating is set: a user and password, a token, a
 * credentials file or an NKey seed file. {@link #toString()} never shows the password or token.
 *
 * @param servers server URLs such as {@code nats://127.0.0.1:4222}; the client tries them all
 * @param tls whether to connect over TLS: asked for, or implied by a {@code tls://} or {@code wss://} URL or a
 *     TLS file
 * @param tlsCaFile the CA certificates to trust (PEM); empty for the JVM's trust store
 * @param tlsCertFile this node's client certificate chain (PEM), for mutual TLS; present with {@code tlsKeyFile}
 * @param tlsKeyFile the client certificate's private key (PEM, PKCS#8)
 * @param replicas JetStream replicas of the streams and buckets clstr creates
 * @param startupTimeout how long a starting node waits for NATS and JetStream before it gives up
 */
public record NatsConfig(List<String> servers, Optional<String> user, Optional<String> password,
        Optional<String> token, Optional<Path> credentialsFile, Optional<Path> nkeySeedFile, boolean tls,
        Optional<Path> tlsCaFile, Optional<Path> tlsCertFile, Optional<Path> tlsKeyFile, int replicas,
        Duration startupTimeout) {

    public NatsConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(nkeySeedFile, "nkeySeedFile");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(tlsCaFile, "tlsCaFile");
        Objects.requireNonNull(tlsCertFile, "tlsCertFile");
        Objects.requireNonNull(tlsKeyFile, "tlsKeyFile");
        if (tlsCertFile.isPresent() != tlsKeyFile.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one NATS server is needed");
        }
    }

    @Override
    public String toString() {
        return "NatsConfig[servers=" + servers + ", user=" + user.orElse("-")
                + ", password=" + (password.isPresent() ? "(set)" : "-")
                + ", token=" + (token.isPresent() ? "(set)" : "-")
                + ", credentialsFile=" + credentialsFile.map(Path::toString).orElse("-")
                + ", nkeySeedFile=" + nkeySeedFile.map(Path::toString).orElse("-")
                + ", tls=" + tls + ", tlsCaFile=" + tlsCaFile.map(Path::toString).orElse("-")
                + ", tlsCertFile=" + tlsCertFile.map(Path::toString).orElse("-")
                + ", tlsKeyFile=" + tlsKeyFile.map(Path::toString).orElse("-") + ", replicas=" + replicas
                + ", startupTimeout=" + startupTimeout + "]";
    }
}
