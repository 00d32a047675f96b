package io.clstr.adapters.nats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the process authenticates to NATS. Secrets never appear in {@code toString()}, so settings can be
 * logged safely.
 */
public sealed interface NatsAuth
        permits NatsAuth.None, NatsAuth.UserPassword, NatsAuth.Token, NatsAuth.NkeySeedFile, NatsAuth.CredsFile {

    /** No credentials (a server without authorization). */
    record None() implements NatsAuth {
    }

    /** A user name and password. */
    record UserPassword(String user, String password) implements NatsAuth {
        public UserPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password=***]";
        }
    }

    /** A shared token. */
    record Token(String token) implements NatsAuth {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** A file holding an NKey seed ({@code SU...}); the server knows the matching public key. */
    record NkeySeedFile(Path path) implements NatsAuth {
        public NkeySeedFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A decentralised-auth credentials file (user JWT plus NKey seed), as {@code nsc} writes it. */
    record CredsFile(Path path) implements NatsAuth {
        public CredsFile {
            Objects.requireNonNull(path, "path");
        }
    }

    static NatsAuth none() {
        return new None();
    }
}
