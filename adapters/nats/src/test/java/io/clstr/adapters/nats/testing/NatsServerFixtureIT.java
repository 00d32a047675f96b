package io.clstr.adapters.nats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The fixture itself: real processes on their own ports and stores, restartable, cleaned up. */
class NatsServerFixtureIT {

    @Test
    void runs_a_jetstream_server_on_its_own_port_and_store_and_restarts_it_in_place() throws Exception {
        NatsServer server = NatsServer.start();
        try {
            assertThat(server.port()).isNotEqualTo(4222);
            assertThat(server.isRunning()).isTrue();
            assertThat(server.monitor("/jsz")).contains("\"config\"");
            assertThat(Files.isDirectory(server.storeDirectory())).isTrue();

            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.restart();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.url()).endsWith(":" + server.port());
            assertThat(Files.readString(server.logFile())).contains("Server is ready");
        } finally {
            server.close();
        }

        assertThat(server.isRunning()).isFalse();
        assertThat(Files.exists(server.storeDirectory())).isFalse();
        assertThat(Files.exists(server.logFile())).isTrue();
    }
}
