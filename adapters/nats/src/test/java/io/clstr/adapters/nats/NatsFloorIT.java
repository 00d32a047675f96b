package io.clstr.adapters.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.nats.testing.NatsServer;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bare floor on a real nats-server: each command is answered and stored once, in order per key. */
class NatsFloorIT {

    private static NatsServer server;

    @BeforeAll
    static void startServer() {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void concurrent_commands_on_one_key_are_stored_one_after_the_other_and_close_deletes_the_stream()
            throws Exception {
        try (NatsClient client = NatsClient.connect(server.settings())) {
            NatsFloor floor = NatsFloor.start(client, "FLOOR_TEST", 1, Duration.ofSeconds(10));
            List<CompletableFuture<Void>> commands = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                commands.add(floor.command("hot", ("c" + i).getBytes(StandardCharsets.UTF_8)));
                commands.add(floor.command("cold-" + (i % 5), ("d" + i).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new)).get();

            MessageInfo last = client.management().getLastMessage("FLOOR_TEST", "FLOOR_TEST.publish.hot");
            assertThat(client.management().getStreamInfo("FLOOR_TEST").getStreamState().getMsgCount())
                    .as("every command stored once: no publish lost to a conflict, none repeated").isEqualTo(100);
            assertThat(last.getSeq()).isPositive();

            floor.close();
            assertThat(client.management().getStreamNames()).doesNotContain("FLOOR_TEST");
        }
    }
}
