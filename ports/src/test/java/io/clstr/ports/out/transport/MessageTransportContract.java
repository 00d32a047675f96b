package io.clstr.ports.out.transport;

import static io.clstr.ports.out.AsyncTesting.TIMEOUT;
import static io.clstr.ports.out.AsyncTesting.eventually;
import static io.clstr.ports.out.AsyncTesting.failureOf;
import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link MessageTransport}, run against every adapter. A subclass supplies the transports.
 *
 * <p>{@link #createTransport()} returns a new transport (a "node") connected to the network of the current
 * test, so that several nodes can talk to each other; each is handed to {@link #closeTransport} afterwards.
 * Subjects carry a per-test tag, so tests never hear each other even on a shared server. Nothing here depends
 * on timing: outcomes are awaited for up to {@link io.clstr.ports.out.AsyncTesting#TIMEOUT}.
 */
public abstract class MessageTransportContract {

    private final List<MessageTransport> transports = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    private final String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** A new transport joined to the current test's network; every call within one test joins the same one. */
    protected abstract MessageTransport createTransport();

    /** Releases a transport made by {@link #createTransport()}. Closes it by default; may run twice. */
    protected void closeTransport(MessageTransport transport) {
        transport.close();
    }

    @AfterEach
    protected final void closeTheTransports() throws InterruptedException {
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            executor.awaitTermination(TIMEOUT.toMillis(), MILLISECONDS);
        }
        transports.forEach(this::closeTransport);
    }

    // ---------------------------------------------------------------- request and reply

    @Test
    void answers_a_request_from_another_node_with_headers_and_body() {
        MessageTransport client = node();
        MessageTransport server = node();
        String subject = subject("echo");
        List<Message> received = new CopyOnWriteArrayList<>();
        server.subscribe(subject, null, (message, replier) -> {
            received.add(message);
            replier.reply(new Message(
                    Map.of("echo-of", message.header("x-trace"), "content-type", "text/plain"),
                    reversed(message.body())));
        });
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        Map<String, String> headers = Map.of("x-trace", "abc-123", "content-type", "application/octet-stream");

        Message reply = join(client.request(subject, new Message(headers, body), TIMEOUT));

        assertThat(reply.headers()).isEqualTo(Map.of("echo-of", "abc-123", "content-type", "text/plain"));
        assertThat(reply.body()).containsExactly(reversed(body));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).headers()).isEqualTo(headers);
        assertThat(received.get(0).body()).containsExactly(body);
    }

    @Test
    void answers_a_request_on_the_same_node_with_an_empty_body() {
        MessageTransport node = node();
        String subject = subject("empty");
        node.subscribe(subject, null, (message, replier) -> replier.reply(Message.of(new byte[0])));

        Message reply = join(node.request(subject, Message.of(new byte[0]), TIMEOUT));

        assertThat(reply.body()).isEmpty();
        assertThat(reply.headers()).isEmpty();
    }

    @Test
    void completes_a_request_when_the_reply_comes_later_from_another_thread() {
        MessageTransport client = node();
        MessageTransport server = node();
        String subject = subject("later");
        AtomicReference<Replier> pendingReplier = new AtomicReference<>();
        server.subscribe(subject, null, (message, replier) -> pendingReplier.set(replier));

        CompletableFuture<Message> reply = client.request(subject, text("question"), TIMEOUT).toCompletableFuture();
        eventually().untilAsserted(() -> assertThat(pendingReplier.get()).isNotNull());
        assertThat(reply).isNotDone();
        ExecutorService elsewhere = newPool(1);
        elsewhere.submit(() -> pendingReplier.get().reply(text("answer")));

        assertThat(text(join(reply))).isEqualTo("answer");
    }

    @Test
    void lets_a_handler_make_its_own_request_before_replying() {
        MessageTransport front = node();
        MessageTransport middle = node();
        MessageTransport back = node();
        String frontSubject = subject("front");
        String backSubject = subject("back");
        back.subscribe(backSubject, null, (message, replier) -> replier.reply(text(text(message) + " from back")));
        middle.subscribe(frontSubject, null, (message, replier) ->
                middle.request(backSubject, message, TIMEOUT).whenComplete((answer, failure) ->
                        replier.reply(failure == null ? text(text(answer) + " via middle") : text("failed"))));

        Message reply = join(front.request(frontSubject, text("hello"), TIMEOUT));

        assertThat(text(reply)).isEqualTo("hello from back via middle");
    }

    @Test
    void fails_at_once_with_no_responders_when_nobody_subscribes() {
        MessageTransport client = node();
        Duration longerThanTheTestWaits = TIMEOUT.multipliedBy(6);

        CompletionStage<Message> reply = client.request(subject("nobody"), text("anyone?"), longerThanTheTestWaits);

        // failureOf waits at most TIMEOUT, far less than the request's own timeout.
        assertThat(failureOf(reply)).isInstanceOf(NoRespondersException.class);
    }

    @Test
    void fails_with_no_responders_once_the_only_subscription_is_closed() {
        MessageTransport client = node();
        MessageTransport server = node();
        String subject = subject("closing");
        TransportSubscription subscription =
                server.subscribe(subject, null, (message, replier) -> replier.reply(text("here")));
        assertThat(text(join(client.request(subject, text("ping"), TIMEOUT)))).isEqualTo("here");

        subscription.close();

        eventually().untilAsserted(() -> assertThat(failureOf(client.request(subject, text("ping"), TIMEOUT)))
                .isInstanceOf(NoRespondersException.class));
    }

    @Test
    void fails_with_a_timeout_when_the_handler_never_replies_and_ignores_a_late_reply() {
        MessageTransport client = node();
        MessageTransport server = node();
        String subject = subject("silent");
        AtomicReference<Replier> ignored = new AtomicReference<>();
        server.subscribe(subject, null, (message, replier) -> ignored.set(replier));

        CompletionStage<Message> reply = client.request(subject, text("hello?"), Duration.ofMillis(200));

        assertThat(failureOf(reply)).isInstanceOf(RequestTimeoutException.class);
        assertThat(ignored.get()).isNotNull();
        assertThatCode(() -> ignored.get().reply(text("too late"))).doesNotThrowAnyException();
        assertThat(failureOf(reply)).isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void answers_many_concurrent_requests_each_with_its_own_reply() throws Exception {
        MessageTransport client = node();
        MessageTransport server = node();
        String subject = subject("many");
        ExecutorService replyLater = newPool(2);
        server.subscribe(subject, null, (message, replier) -> {
            Message answer = text(text(message) + "!");
            if (message.body().length % 2 == 0) {
                replier.reply(answer);
            } else {
                replyLater.execute(() -> replier.reply(answer));
            }
        });
        int threads = 4;
        int requestsPerThread = 250;
        ExecutorService callers = newPool(threads);
        List<Future<List<String>>> work = new ArrayList<>();

        for (int thread = 0; thread < threads; thread++) {
            int id = thread;
            work.add(callers.submit(() -> {
                List<CompletionStage<Message>> inFlight = new ArrayList<>();
                for (int i = 0; i < requestsPerThread; i++) {
                    inFlight.add(client.request(subject, text("req-" + id + "-" + i), TIMEOUT));
                }
                List<String> mismatches = new ArrayList<>();
                for (int i = 0; i < requestsPerThread; i++) {
                    String expected = "req-" + id + "-" + i + "!";
                    String actual = text(join(inFlight.get(i)));
                    if (!actual.equals(expected)) {
                        mismatches.add(expected + " got " + actual);
                    }
                }
                return mismatches;
            }));
        }

        for (Future<List<String>> caller : work) {
            assertThat(caller.get(TIMEOUT.toMillis() * 3, MILLISECONDS)).isEmpty();
        }
    }

    // ---------------------------------------------------------------- queue groups and fan-out

    @Test
    void hands_each_request_to_exactly_one_member_of_a_queue_group() {
        MessageTransport client = node();
        String subject = subject("work");
        Map<String, List<String>> handledBy = new ConcurrentHashMap<>();
        for (int member = 0; member < 3; member++) {
            String name = "member-" + member;
            List<String> handled = Collections.synchronizedList(new ArrayList<>());
            handledBy.put(name, handled);
            node().subscribe(subject, "workers", (message, replier) -> {
                handled.add(text(message));
                replier.reply(text(name));
            });
        }
        int requests = 300;

        List<CompletionStage<Message>> replies = IntStream.range(0, requests)
                .mapToObj(i -> client.request(subject, text("job-" + i), TIMEOUT))
                .toList();
        List<String> answeredBy = replies.stream().map(reply -> text(join(reply))).toList();

        List<String> allHandled = handledBy.values().stream().flatMap(List::stream).toList();
        assertThat(allHandled).hasSize(requests).doesNotHaveDuplicates();
        assertThat(allHandled).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, requests).mapToObj(i -> "job-" + i).toList());
        for (Map.Entry<String, List<String>> member : handledBy.entrySet()) {
            assertThat(member.getValue()).as("jobs of %s", member.getKey()).isNotEmpty();
            assertThat(answeredBy.stream().filter(member.getKey()::equals).count())
                    .isEqualTo(member.getValue().size());
        }
    }

    @Test
    void hands_each_published_message_to_exactly_one_member_of_a_queue_group() {
        MessageTransport publisher = node();
        String subject = subject("events");
        List<String> handled = new CopyOnWriteArrayList<>();
        for (int member = 0; member < 3; member++) {
            node().subscribe(subject, "workers", (message, replier) -> handled.add(text(message)));
        }
        int messages = 300;

        for (int i = 0; i < messages; i++) {
            publisher.publish(subject, text("event-" + i));
        }

        eventually().untilAsserted(() -> assertThat(handled).hasSize(messages));
        assertThat(handled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, messages).mapToObj(i -> "event-" + i).toList());
    }

    @Test
    void delivers_every_publish_to_every_plain_subscriber_in_publish_order() {
        MessageTransport publisher = node();
        MessageTransport other = node();
        String subject = subject("broadcast");
        List<List<String>> inboxes = new ArrayList<>();
        for (MessageTransport node : List.of(publisher, other, other)) {
            List<String> inbox = new CopyOnWriteArrayList<>();
            inboxes.add(inbox);
            node.subscribe(subject, null, (message, replier) -> inbox.add(text(message)));
        }
        List<String> sent = IntStream.range(0, 50).mapToObj(i -> "m" + i).toList();

        sent.forEach(body -> publisher.publish(subject, text(body)));

        eventually().untilAsserted(() -> {
            for (List<String> inbox : inboxes) {
                assertThat(inbox).containsExactlyElementsOf(sent);
            }
        });
    }

    @Test
    void delivers_a_publish_to_every_plain_subscriber_and_to_one_member_of_each_group() {
        MessageTransport publisher = node();
        String subject = subject("mixed");
        List<String> plain = new CopyOnWriteArrayList<>();
        List<String> groupA = new CopyOnWriteArrayList<>();
        List<String> groupB = new CopyOnWriteArrayList<>();
        node().subscribe(subject, null, (message, replier) -> plain.add(text(message)));
        node().subscribe(subject, "a", (message, replier) -> groupA.add(text(message)));
        node().subscribe(subject, "a", (message, replier) -> groupA.add(text(message)));
        node().subscribe(subject, "b", (message, replier) -> groupB.add(text(message)));
        List<String> sent = IntStream.range(0, 60).mapToObj(i -> "m" + i).toList();

        sent.forEach(body -> publisher.publish(subject, text(body)));

        eventually().untilAsserted(() -> {
            assertThat(plain).containsExactlyElementsOf(sent);
            assertThat(groupA).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(groupB).containsExactlyElementsOf(sent);
        });
    }

    @Test
    void publishes_headers_and_body_one_way_and_ignores_a_reply() {
        MessageTransport publisher = node();
        MessageTransport subscriber = node();
        String subject = subject("one-way");
        List<Message> received = new CopyOnWriteArrayList<>();
        List<Throwable> replyFailures = new CopyOnWriteArrayList<>();
        subscriber.subscribe(subject, null, (message, replier) -> {
            received.add(message);
            try {
                replier.reply(text("nobody listens"));
            } catch (RuntimeException e) {
                replyFailures.add(e);
            }
        });

        publisher.publish(subject, new Message(Map.of("kind", "notice"), "payload".getBytes(UTF_8)));

        eventually().untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(received.get(0).headers()).isEqualTo(Map.of("kind", "notice"));
        assertThat(text(received.get(0))).isEqualTo("payload");
        assertThat(replyFailures).isEmpty();
    }

    @Test
    void drops_a_publish_that_nobody_subscribes_to() {
        MessageTransport publisher = node();

        assertThatCode(() -> publisher.publish(subject("void"), text("lost"))).doesNotThrowAnyException();
    }

    @Test
    void does_not_deliver_subjects_that_only_share_a_prefix() {
        MessageTransport node = node();
        String subject = subject("exact");
        List<String> received = new CopyOnWriteArrayList<>();
        node.subscribe(subject, null, (message, replier) -> received.add(text(message)));

        node.publish(subject + ".deeper", text("deeper"));
        node.publish(subject + "ly", text("longer"));
        node.publish(subject, text("exact"));

        eventually().untilAsserted(() -> assertThat(received).contains("exact"));
        assertThat(failureOf(node.request(subject + ".deeper", text("?"), TIMEOUT)))
                .isInstanceOf(NoRespondersException.class);
        assertThat(received).containsExactly("exact");
    }

    // ---------------------------------------------------------------- closing

    @Test
    void stops_delivering_to_a_closed_subscription() {
        MessageTransport publisher = node();
        MessageTransport subscriber = node();
        String subject = subject("stop");
        List<String> closedInbox = new CopyOnWriteArrayList<>();
        List<String> openInbox = new CopyOnWriteArrayList<>();
        TransportSubscription closing =
                subscriber.subscribe(subject, null, (message, replier) -> closedInbox.add(text(message)));
        subscriber.subscribe(subject, null, (message, replier) -> openInbox.add(text(message)));
        publisher.publish(subject, text("before"));
        eventually().untilAsserted(() -> assertThat(closedInbox).containsExactly("before"));

        closing.close();
        for (int i = 0; i < 10; i++) {
            publisher.publish(subject, text("after-" + i));
        }

        eventually().untilAsserted(() -> assertThat(openInbox).hasSize(11));
        assertThat(closedInbox).containsExactly("before");
    }

    @Test
    void stops_every_subscription_of_a_closed_transport() {
        MessageTransport client = node();
        MessageTransport dying = node();
        MessageTransport survivor = node();
        String first = subject("first");
        String second = subject("second");
        String shared = subject("shared");
        List<String> dyingInbox = new CopyOnWriteArrayList<>();
        dying.subscribe(first, null, (message, replier) -> replier.reply(text("first")));
        dying.subscribe(second, "group", (message, replier) -> replier.reply(text("second")));
        dying.subscribe(shared, "group", (message, replier) -> dyingInbox.add(text(message)));
        survivor.subscribe(shared, "group", (message, replier) -> replier.reply(text("survivor")));
        assertThat(text(join(client.request(first, text("?"), TIMEOUT)))).isEqualTo("first");

        dying.close();

        eventually().untilAsserted(() -> {
            assertThat(failureOf(client.request(first, text("?"), TIMEOUT))).isInstanceOf(NoRespondersException.class);
            assertThat(failureOf(client.request(second, text("?"), TIMEOUT)))
                    .isInstanceOf(NoRespondersException.class);
        });
        int before = dyingInbox.size();
        for (int i = 0; i < 20; i++) {
            assertThat(text(join(client.request(shared, text("job-" + i), TIMEOUT)))).isEqualTo("survivor");
        }
        assertThat(dyingInbox).hasSize(before);
    }

    // ---------------------------------------------------------------- helpers

    private MessageTransport node() {
        MessageTransport transport = createTransport();
        transports.add(transport);
        return transport;
    }

    private String subject(String name) {
        return "contract." + tag + "." + name;
    }

    private ExecutorService newPool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        executors.add(pool);
        return pool;
    }

    private static Message text(String body) {
        return Message.of(body.getBytes(UTF_8));
    }

    private static String text(Message message) {
        return new String(message.body(), UTF_8);
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }
}
