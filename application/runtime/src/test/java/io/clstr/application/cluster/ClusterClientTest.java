package io.clstr.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryNetwork;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.cluster.internal.EntityReply;
import io.clstr.application.cluster.internal.EntityRequest;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CountTypes;
import io.clstr.domain.kernel.Rejection;
import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.ports.in.request.CommandIdReusedException;
import io.clstr.ports.in.request.CommandTooLargeException;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a routing client does with each kind of answer from the owner, seen from a fake owner on the wire. */
class ClusterClientTest {

    private final InMemoryNetwork network = new InMemoryNetwork();
    private final ActorSystem actors = ActorSystem.create("client-test");
    private final ClusterSettings settings = ClusterSettings.defaults("client").withShardCount(1)
            .withAttemptTimeout(Duration.ofMillis(200));
    private final List<EntityRequest> received = new CopyOnWriteArrayList<>();
    private final MessageTransport owner = network.connect();
    private final CommandGateway<CountCommand, Count> counters = ClusterClient.routing(settings, network.connect(),
            new JacksonCodec(CountTypes.catalog()), actors.scheduler(), ClusterMetrics.NOOP)
            .gateway(CountAggregate.TYPE, Count.class);

    @AfterEach
    void close() {
        owner.close();
        actors.close();
    }

    private void ownerAnswers(EntityReply reply) {
        owner.subscribe(settings.shardSubject(0), settings.queueGroup(), (message, replier) -> {
            received.add(EntityRequest.decode(message.body()));
            replier.reply(Message.of(reply.encode()));
        });
    }

    private void increment(long fingerprint) {
        counters.execute(new CommandRequest<>("c-1", new CountCommand.Increment(1), "cmd-1", OptionalLong.empty(),
                fingerprint), Duration.ofSeconds(2)).toCompletableFuture().join();
    }

    @Test
    void the_request_fingerprint_and_the_time_left_cross_the_wire() {
        ownerAnswers(new EntityReply.Rejected(0, false, new Rejection("NOPE", "no")));

        increment(42);

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.fingerprint()).isEqualTo(42);
            assertThat(request.timeoutMillis()).isBetween(1_000L, 2_000L);
        });
    }

    @Test
    void an_overloaded_entity_is_shed_at_once_not_retried() {
        ownerAnswers(new EntityReply.Failure(EntityReply.FailureKind.OVERLOADED, "entity overloaded"));

        assertThatThrownBy(() -> increment(1)).hasCauseInstanceOf(ServiceUnavailableException.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void an_unavailable_entity_is_retried_until_the_deadline() {
        ownerAnswers(new EntityReply.Failure(EntityReply.FailureKind.UNAVAILABLE, "entity unavailable"));

        assertThatThrownBy(() -> increment(1)).hasCauseInstanceOf(ServiceUnavailableException.class);
        assertThat(received).hasSizeGreaterThan(3);
    }

    @Test
    void a_reused_command_id_and_a_command_too_large_keep_their_types() {
        ownerAnswers(new EntityReply.Failure(EntityReply.FailureKind.COMMAND_ID_REUSED, "first used elsewhere"));
        assertThatThrownBy(() -> increment(1)).hasCauseInstanceOf(CommandIdReusedException.class);

        received.clear();
        owner.close();
        MessageTransport other = network.connect();
        other.subscribe(settings.shardSubject(0), settings.queueGroup(), (message, replier) -> replier.reply(
                Message.of(new EntityReply.Failure(EntityReply.FailureKind.TOO_LARGE, "too large").encode())));
        assertThatThrownBy(() -> increment(1)).hasCauseInstanceOf(CommandTooLargeException.class);
        other.close();
    }
}
