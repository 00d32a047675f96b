package io.clstr.adapters.memory;

import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.ports.out.transport.Message;
import io.clstr.ports.out.transport.MessageTransport;
import io.clstr.ports.out.transport.MessageTransportContract;
import io.clstr.ports.out.transport.Replier;
import io.clstr.ports.out.transport.RequestTimeoutException;
import io.clstr.ports.out.transport.TransportException;
import io.clstr.ports.out.transport.TransportSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryMessageTransportTest extends MessageTransportContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InMemoryNetwork network = new InMemoryNetwork();

    @Override
    protected MessageTransport createTransport() {
        return network.connect();
    }

    @Test
    void calls_handlers_on_the_senders_thread() {
        InMemoryMessageTransport node = network.connect();
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        node.subscribe("svc.echo", null, (message, replier) -> {
            handlerThread.set(Thread.currentThread());
            replier.reply(message);
        });

        join(node.request("svc.echo", text("hi"), TIMEOUT));

        assertThat(handlerThread.get()).isSameAs(Thread.currentThread());
        node.close();
    }

    @Test
    void hands_out_the_messages_of_a_queue_group_in_turn() {
        InMemoryMessageTransport client = network.connect();
        List<String> handledBy = new ArrayList<>();
        for (String member : List.of("a", "b", "c")) {
            network.connect().subscribe("svc.work", "workers", (message, replier) -> {
                handledBy.add(member);
                replier.reply(message);
            });
        }

        for (int i = 0; i < 9; i++) {
            join(client.request("svc.work", text("job"), TIMEOUT));
        }

        assertThat(handledBy).containsExactly("a", "b", "c", "a", "b", "c", "a", "b", "c");
    }

    @Test
    void passes_messages_along_without_copying_them() {
        InMemoryMessageTransport node = network.connect();
        AtomicReference<Message> received = new AtomicReference<>();
        node.subscribe("svc.notes", null, (message, replier) -> received.set(message));
        Message sent = text("note");

        node.publish("svc.notes", sent);

        assertThat(received.get()).isSameAs(sent);
    }

    @Test
    void forgets_a_subject_once_its_last_subscriber_leaves() {
        InMemoryMessageTransport first = network.connect();
        InMemoryMessageTransport second = network.connect();
        TransportSubscription plain = first.subscribe("svc.a", null, (message, replier) -> { });
        second.subscribe("svc.a", "group", (message, replier) -> { });
        second.subscribe("svc.b", null, (message, replier) -> { });
        assertThat(network.subjectCount()).isEqualTo(2);

        plain.close();
        assertThat(network.subjectCount()).isEqualTo(2);
        second.close();

        assertThat(network.subjectCount()).isZero();
    }

    @Test
    void loses_the_reply_of_a_node_that_closed_before_sending_it() {
        InMemoryMessageTransport client = network.connect();
        InMemoryMessageTransport dying = network.connect();
        AtomicReference<Replier> pending = new AtomicReference<>();
        dying.subscribe("svc.slow", null, (message, replier) -> pending.set(replier));

        var reply = client.request("svc.slow", text("?"), Duration.ofMillis(100));
        dying.close();
        pending.get().reply(text("from beyond"));

        assertThat(failureOf(reply)).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void lets_a_request_time_out_when_its_handler_throws() {
        InMemoryMessageTransport node = network.connect();
        node.subscribe("svc.broken", null, (message, replier) -> {
            throw new IllegalStateException("handler failed on purpose");
        });

        assertThat(failureOf(node.request("svc.broken", text("?"), Duration.ofMillis(50))))
                .isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void refuses_to_send_or_subscribe_once_closed() {
        InMemoryMessageTransport node = network.connect();
        node.close();
        node.close();

        assertThat(failureOf(node.request("svc.x", text("?"), TIMEOUT))).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> node.publish("svc.x", text("!"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> node.subscribe("svc.x", null, (message, replier) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejects_malformed_subjects_wildcards_and_queue_groups() {
        InMemoryMessageTransport node = network.connect();

        for (String subject : List.of("", ".", "a.", ".a", "a..b", "a b", "a.*", ">", "a.>.b", "a\tb")) {
            assertThatThrownBy(() -> node.publish(subject, text("x")))
                    .as("subject '%s'", subject).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> node.subscribe(subject, null, (message, replier) -> { }))
                    .as("subject '%s'", subject).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> node.subscribe("a", "", (message, replier) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.subscribe("a", "my group", (message, replier) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.request("a", text("x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accepts_tokens_that_merely_contain_wildcard_characters() {
        InMemoryMessageTransport node = network.connect();
        node.subscribe("a*b.c>d.-_", null, (message, replier) -> replier.reply(message));

        assertThat(new String(join(node.request("a*b.c>d.-_", text("ok"), TIMEOUT)).body(), UTF_8)).isEqualTo("ok");
    }

    private static Message text(String body) {
        return Message.of(body.getBytes(UTF_8));
    }
}
