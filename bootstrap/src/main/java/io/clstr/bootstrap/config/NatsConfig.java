package io.clstr.bootstrap.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach NATS. At most one way of authenticating is set: a user and password, a token, a
 * credentials file or an NKey seed file. {@link #toString()} never shows the password or token.
 *
 * @param servers server URLs such as {@code nats://127.0.0.1:4222}; the client tries them all
 * @param replicas JetStream replicas of the streams and buckets clstr creates
 */
public record NatsConfig(List<String> servers, Optional<String> user, Optional<String> password,
        Optional<String> token, Optional<Path> credentialsFile, Optional<Path> nkeySeedFile, boolean tls,
        int replicas) {

    public NatsConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(nkeySeedFile, "nkeySeedFile");
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
                + ", tls=" + tls + ", replicas=" + replicas + "]";
    }
}
