package io.clstr.bootstrap.loadtest;

import io.clstr.adapters.javalin.ConstantJsonServer;
import io.clstr.adapters.nats.NatsClient;
import io.clstr.adapters.nats.NatsFloor;
import io.clstr.bootstrap.Backend;
import io.clstr.bootstrap.config.ClstrConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The bare floor a load test compares clstr with: the least work one increment needs on the same stack, driven by
 * the same generator with the same concurrency and keys. What it does is in {@link #description()}.
 */
interface Floor extends Increments, AutoCloseable {

    /** Says what one increment costs here, for the summary. */
    String description();

    @Override
    void close();

    /** The floor of the run {@code options} describe: HTTP, NATS or memory. */
    static Floor of(LoadTestOptions options, ClstrConfig natsConfig) {
        if (options.via() == LoadTestOptions.Via.HTTP) {
            return http(options.requestTimeout());
        }
        return options.backend().equals("nats") ? nats(natsConfig, options.requestTimeout())
                : memory(options.requestTimeout());
    }

    /** A bare Javalin route answering a constant JSON, driven by the load test's HTTP client. */
    static Floor http(Duration timeout) {
        ConstantJsonServer server = ConstantJsonServer.start("127.0.0.1", "/counters/{id}/increment",
                "{\"id\":\"load\",\"value\":1}");
        HttpTarget client = new HttpTarget(List.of(server.url()), timeout);
        return new Floor() {
            @Override
            public CompletionStage<Void> increment(String counterId, String commandId) {
                return client.increment(counterId, commandId);
            }

            @Override
            public String description() {
                return "a bare Javalin route answering a constant JSON, same HTTP client";
            }

            @Override
            public void close() {
                try {
                    client.close();
                } finally {
                    server.close();
                }
            }
        };
    }

    /** Plain jnats: a request/reply, then a publish checked against the counter's last sequence. */
    static Floor nats(ClstrConfig config, Duration timeout) {
        NatsClient client = Backend.connectNats(config);
        NatsFloor floor;
        try {
            floor = NatsFloor.start(client, "CLSTR_FLOOR_" + UUID.randomUUID().toString().substring(0, 8),
                    config.nats().replicas(), timeout);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new Floor() {
            @Override
            public CompletionStage<Void> increment(String counterId, String commandId) {
                return floor.command(counterId, commandId.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String description() {
                return "plain jnats: a request/reply plus a JetStream publish checked against the counter's last"
                        + " subject sequence";
            }

            @Override
            public void close() {
                try {
                    floor.close();
                } finally {
                    client.close();
                }
            }
        };
    }

    /** The in-memory transport's request/reply, then an append at the counter's expected version. */
    static Floor memory(Duration timeout) {
        MemoryFloor floor = new MemoryFloor(timeout);
        return new Floor() {
            @Override
            public CompletionStage<Void> increment(String counterId, String commandId) {
                return floor.increment(counterId, commandId);
            }

            @Override
            public String description() {
                return "the in-memory transport's request/reply plus an in-memory append at the expected version";
            }

            @Override
            public void close() {
                floor.close();
            }
        };
    }
}
