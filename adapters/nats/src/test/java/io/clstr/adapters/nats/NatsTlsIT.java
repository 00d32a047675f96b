package io.clstr.adapters.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.nats.testing.NatsServer;
import io.clstr.adapters.nats.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against real nats-server processes with certificates made by a test CA: the server's certificate must
 * chain to the trusted CA and name the host of the URL, and mutual TLS presents a client certificate.
 */
class NatsTlsIT {

    @TempDir
    static Path files;

    private static TestCertificates ca;
    private static NatsServer rightHost;
    private static NatsServer wrongHost;
    private static NatsServer mutual;

    @BeforeAll
    static void startServers() throws IOException {
        ca = TestCertificates.authority(files, "clstr-test-ca");
        rightHost = server("right", tls(ca.server("right-host", "127.0.0.1", "localhost"), false));
        wrongHost = server("wrong", tls(ca.server("wrong-host", "nats.other.example"), false));
        mutual = server("mutual", tls(ca.server("mutual-host", "127.0.0.1", "localhost"), true));
    }

    @AfterAll
    static void stopServers() {
        for (NatsServer server : new NatsServer[] {rightHost, wrongHost, mutual}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void connects_when_the_certificate_names_the_ip_address_or_the_host_name_of_the_url() {
        NatsTls trustingTheCa = new NatsTls.Pem(ca.caFile(), null, null);

        assertConnects(settings(rightHost, "nats://127.0.0.1").withTls(trustingTheCa));
        assertConnects(settings(rightHost, "tls://localhost").withTls(trustingTheCa));
    }

    @Test
    void refuses_a_trusted_certificate_for_another_host() {
        assertThatThrownBy(() -> NatsClient.connect(settings(wrongHost, "nats://127.0.0.1")
                .withTls(new NatsTls.Pem(ca.caFile(), null, null)))).isInstanceOf(NatsConnectException.class);
    }

    /** The control: what the refusal above owes to the host check, since the chain alone is trusted. */
    @Test
    void the_same_certificate_passes_where_only_the_chain_is_checked_as_jnats_does_alone() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore caOnly = io.clstr.adapters.nats.internal.PemFiles.trustStore(ca.caFile());
        trust.init(caOnly);
        SSLContext chainOnly = SSLContext.getInstance("TLS");
        chainOnly.init(null, trust.getTrustManagers(), null);

        Connection connection = Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + wrongHost.port())
                .sslContext(chainOnly).connectionTimeout(Duration.ofSeconds(5)).build());
        try {
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        } finally {
            connection.close();
        }
    }

    @Test
    void refuses_a_certificate_from_a_ca_it_does_not_trust() {
        TestCertificates stranger = TestCertificates.authority(files, "stranger-ca");

        assertThatThrownBy(() -> NatsClient.connect(settings(rightHost, "nats://127.0.0.1")
                .withTls(new NatsTls.Pem(stranger.caFile(), null, null)))).isInstanceOf(NatsConnectException.class);
        assertThatThrownBy(() -> NatsClient.connect(settings(rightHost, "nats://127.0.0.1")
                .withTls(new NatsTls.DefaultContext()))).as("the JVM's trust store").isInstanceOf(
                        NatsConnectException.class);
    }

    @Test
    void a_tls_url_without_tls_settings_still_checks_the_certificate() {
        assertThatThrownBy(() -> NatsClient.connect(settings(rightHost, "tls://127.0.0.1")))
                .as("a test CA is not in the JVM's trust store").isInstanceOf(NatsConnectException.class);
    }

    @Test
    void mutual_tls_connects_with_the_client_certificate_and_is_refused_without() {
        TestCertificates.Issued client = ca.client("node-1");

        assertConnects(settings(mutual, "nats://127.0.0.1")
                .withTls(new NatsTls.Pem(ca.caFile(), client.certificateFile(), client.keyFile())));
        assertThatThrownBy(() -> NatsClient.connect(settings(mutual, "nats://127.0.0.1")
                .withTls(new NatsTls.Pem(ca.caFile(), null, null)))).isInstanceOf(NatsConnectException.class);
    }

    @Test
    void a_key_that_is_not_pkcs8_is_refused_naming_its_file_and_the_fix() {
        TestCertificates.Issued client = ca.client("node-2");
        Path traditional = ca.write("node-2-rsa-key.pem", TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2}));

        assertThatThrownBy(() -> NatsClient.connect(settings(mutual, "nats://127.0.0.1")
                .withTls(new NatsTls.Pem(ca.caFile(), client.certificateFile(), traditional))))
                .isInstanceOf(NatsConnectException.class)
                .hasMessageContaining(traditional + " holds a BEGIN RSA PRIVATE KEY block; it must hold an unencrypted PKCS#8 key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    private static void assertConnects(NatsSettings settings) {
        try (NatsClient client = NatsClient.connect(settings)) {
            assertThat(client.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(client.connection().getServerInfo().isTLSRequired()).isTrue();
        }
    }

    /** Settings for this server at {@code scheme://host} and its port, giving up at the first failure. */
    private static NatsSettings settings(NatsServer server, String schemeAndHost) {
        return NatsSettings.of(schemeAndHost + ":" + server.port())
                .withConnectTimeout(Duration.ofSeconds(5))
                .withReconnect(Duration.ofMillis(100), 0);
    }

    private static String tls(TestCertificates.Issued server, boolean verifyClients) {
        return "tls {\n"
                + "  cert_file: \"" + server.certificateFile() + "\"\n"
                + "  key_file: \"" + server.keyFile() + "\"\n"
                + "  ca_file: \"" + ca.caFile() + "\"\n"
                + "  verify: " + verifyClients + "\n"
                + "  timeout: 5\n"
                + "}\n";
    }

    private static NatsServer server(String name, String configuration) throws IOException {
        Path config = Files.writeString(files.resolve(name + ".conf"), configuration);
        return NatsServer.startWith(List.of("-c", config.toString()));
    }
}
