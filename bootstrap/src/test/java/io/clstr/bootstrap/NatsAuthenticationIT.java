package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.bootstrap.config.ConfigParser;
import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the node authenticates to NATS, against a real nats-server configured for it: the node's backend
 * opens with the matching {@code CLSTR_NATS_*} settings, and wrong credentials stop it with a message that names
 * the settings to check and never holds the secret.
 */
class NatsAuthenticationIT {

    @TempDir
    static Path files;

    @Nested
    class User_and_password {

        @Test
        void opens_with_the_right_password_and_refuses_a_wrong_one_naming_the_settings() throws IOException {
            try (NatsServer server = server("authorization { user: clstr, password: \"right-p4ss\" }")) {
                assertOpens(server, Map.of("CLSTR_NATS_USER", "clstr", "CLSTR_NATS_PASSWORD", "right-p4ss"));
                assertRefused(server, Map.of("CLSTR_NATS_USER", "clstr", "CLSTR_NATS_PASSWORD", "wrong-p4ss"),
                        "check CLSTR_NATS_USER and CLSTR_NATS_PASSWORD", "wrong-p4ss");
                assertRefused(server, Map.of(), "the server wants credentials: set CLSTR_NATS_USER", "right-p4ss");
            }
        }
    }

    @Nested
    class Token {

        @Test
        void opens_with_the_right_token_and_refuses_a_wrong_one_naming_the_setting() throws IOException {
            try (NatsServer server = server("authorization { token: \"right-t0ken\" }")) {
                assertOpens(server, Map.of("CLSTR_NATS_TOKEN", "right-t0ken"));
                assertRefused(server, Map.of("CLSTR_NATS_TOKEN", "wrong-t0ken"), "check CLSTR_NATS_TOKEN",
                        "wrong-t0ken");
            }
        }
    }

    @Nested
    class Nkey {

        @Test
        void opens_with_the_seed_of_a_known_user_and_refuses_another_naming_the_file()
                throws IOException, GeneralSecurityException {
            NKey known = NKey.createUser(new SecureRandom());
            NKey stranger = NKey.createUser(new SecureRandom());
            Path knownSeed = write("known.nk", new String(known.getSeed()) + "\n");
            Path strangerSeed = write("stranger.nk", new String(stranger.getSeed()) + "\n");

            try (NatsServer server = server("authorization { users: [ { nkey: " + new String(known.getPublicKey())
                    + " } ] }")) {
                assertOpens(server, Map.of("CLSTR_NATS_NKEY", knownSeed.toString()));
                assertRefused(server, Map.of("CLSTR_NATS_NKEY", strangerSeed.toString()),
                        "check the seed file of CLSTR_NATS_NKEY, " + strangerSeed, new String(stranger.getSeed()));
            }
        }
    }

    /**
     * Decentralised authentication: an operator signs an account, the account signs a user, and the credentials
     * file holds the user's JWT and seed, as {@code nsc} would write them.
     */
    @Nested
    class Credentials_file {

        @Test
        void opens_with_a_user_of_the_trusted_account_and_refuses_one_signed_elsewhere_naming_the_file()
                throws IOException, GeneralSecurityException {
            NKey operator = NKey.createOperator(new SecureRandom());
            NKey system = NKey.createAccount(new SecureRandom());
            NKey account = NKey.createAccount(new SecureRandom());
            NKey unknownAccount = NKey.createAccount(new SecureRandom());
            String operatorJwt = jwt(operator, operator, "test-operator", "{\"type\":\"operator\",\"version\":2}");
            // JetStream in operator mode needs a system account.
            String systemJwt = jwt(operator, system, "SYS", "{\"type\":\"account\",\"version\":2}");
            String accountJwt = jwt(operator, account, "clstr", "{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
                    + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,"
                    + "\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1},\"default_permissions\":{\"pub\":{},"
                    + "\"sub\":{}},\"type\":\"account\",\"version\":2}");
            Path trusted = credentials("trusted.creds", account);
            Path signedElsewhere = credentials("elsewhere.creds", unknownAccount);

            try (NatsServer server = server("operator: \"" + operatorJwt + "\"\n"
                    + "system_account: " + new String(system.getPublicKey()) + "\n"
                    + "resolver: MEMORY\n"
                    + "resolver_preload: {\n"
                    + "  " + new String(system.getPublicKey()) + ": \"" + systemJwt + "\"\n"
                    + "  " + new String(account.getPublicKey()) + ": \"" + accountJwt + "\"\n"
                    + "}\n")) {
                assertOpens(server, Map.of("CLSTR_NATS_CREDS", trusted.toString()));
                assertRefused(server, Map.of("CLSTR_NATS_CREDS", signedElsewhere.toString()),
                        "check the credentials file of CLSTR_NATS_CREDS, " + signedElsewhere,
                        seedIn(signedElsewhere));
            }
        }

        private Path credentials(String name, NKey signingAccount) throws IOException, GeneralSecurityException {
            NKey user = NKey.createUser(new SecureRandom());
            String userJwt = JwtUtils.issueUserJWT(signingAccount, new String(signingAccount.getPublicKey()),
                    new String(user.getPublicKey()));
            return write(name, String.format(JwtUtils.NATS_USER_JWT_FORMAT, userJwt, new String(user.getSeed())));
        }

        private String seedIn(Path credentials) throws IOException {
            return Files.readAllLines(credentials).stream().filter(line -> line.startsWith("SU")).findFirst()
                    .orElseThrow();
        }
    }

    /** A JWT with these {@code nats} claims, signed by {@code issuer} about {@code subject}. */
    private static String jwt(NKey issuer, NKey subject, String name, String claims)
            throws IOException, GeneralSecurityException {
        JsonSerializable natsClaims = () -> claims;
        return JwtUtils.issueJWT(issuer, new String(subject.getPublicKey()), name, null,
                JwtUtils.currentTimeSeconds(), new String(issuer.getPublicKey()), null, natsClaims);
    }

    private static void assertOpens(NatsServer server, Map<String, String> credentials) {
        try (Backend backend = Backend.open(config(server, credentials))) {
            assertThat(backend.kind()).isEqualTo(io.clstr.bootstrap.config.BackendKind.NATS);
        } catch (Exception e) {
            throw new AssertionError("the backend did not open with " + credentials.keySet(), e);
        }
    }

    private static void assertRefused(NatsServer server, Map<String, String> credentials, String naming,
            String secret) {
        assertThatThrownBy(() -> Backend.open(config(server, credentials)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageContaining(naming)
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain(secret));
    }

    private static io.clstr.bootstrap.config.ClstrConfig config(NatsServer server, Map<String, String> credentials) {
        Map<String, String> environment = new HashMap<>(credentials);
        environment.put("CLSTR_BACKEND", "nats");
        environment.put("CLSTR_NATS_URL", server.url());
        return new ConfigParser(environment).parse(List.of());
    }

    private static NatsServer server(String configuration) throws IOException {
        Path config = Files.createTempFile(files, "nats-", ".conf");
        Files.writeString(config, configuration);
        return NatsServer.startWith(List.of("-c", config.toString()));
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }
}
