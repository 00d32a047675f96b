package io.clstr.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.CommandRequest;
import io.clstr.application.eventsourcing.CommandResult;
import io.clstr.domain.kernel.testing.Count;
import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountCommand;
import io.clstr.domain.kernel.testing.CountCommand.Increment;
import io.clstr.ports.in.operations.ClusterViewQuery;
import io.clstr.ports.in.request.ServiceUnavailableException;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.metrics.ClusterMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final ClusterFixture cluster = new ClusterFixture();

    @AfterEach
    void close() {
        cluster.close();
    }

    private void startNodes(String... ids) {
        for (String id : ids) {
            cluster.start(id);
        }
        awaitSettled(ids);
    }

    /** Every shard served by the node rendezvous hashing picks among {@code live}, and those nodes ready. */
    private void awaitSettled(String... live) {
        String[] expected = new ShardMap(ClusterFixture.SHARDS).assignments(List.of(live));
        await().atMost(SETTLE).until(() -> {
            Map<Integer, String> served = cluster.servedShards();
            for (int shard = 0; shard < expected.length; shard++) {
                if (!expected[shard].equals(served.get(shard))) {
                    return false;
                }
            }
            return java.util.Arrays.stream(live).allMatch(id -> cluster.nodes.get(id).node.isReady());
        });
    }

    @Test
    void three_nodes_share_the_shards_with_exactly_one_owner_each() {
        startNodes("node-1", "node-2", "node-3");

        Map<Integer, String> owners = cluster.servedShards();
        assertThat(owners).hasSize(ClusterFixture.SHARDS);
        assertThat(Set.copyOf(owners.values())).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        ShardMap map = new ShardMap(ClusterFixture.SHARDS);
        String[] expected = map.assignments(List.of("node-1", "node-2", "node-3"));
        for (int shard = 0; shard < expected.length; shard++) {
            assertThat(owners.get(shard)).as("owner of shard %d", shard).isEqualTo(expected[shard]);
        }
        ClusterViewQuery.ClusterView view = cluster.nodes.get("node-1").node.clusterView();
        assertThat(view.members()).extracting(ClusterViewQuery.Member::nodeId)
                .containsExactly("node-1", "node-2", "node-3");
        assertThat(view.shardOwners()).isEqualTo(owners);
    }

    @Test
    void a_joining_node_takes_over_only_its_own_shards() {
        startNodes("node-1", "node-2", "node-3");
        Map<Integer, String> before = cluster.servedShards();

        cluster.start("node-4");
        awaitSettled("node-1", "node-2", "node-3", "node-4");
        Map<Integer, String> after = cluster.servedShards();

        int moved = 0;
        for (int shard = 0; shard < ClusterFixture.SHARDS; shard++) {
            if (!after.get(shard).equals(before.get(shard))) {
                assertThat(after.get(shard)).as("shard %d moved to a node other than the joiner", shard)
                        .isEqualTo("node-4");
                moved++;
            }
        }
        assertThat(moved).isBetween(5, 30);
    }

    @Test
    void requests_are_routed_to_the_owner_and_typed_outcomes_cross_the_wire() {
        startNodes("node-1", "node-2", "node-3");
        CommandGateway<CountCommand, Count> counters = cluster.routingClient()
                .gateway(CountAggregate.TYPE, Count.class);

        assertThat(join(counters.execute(CommandRequest.of("c-1", new Increment(5), "cmd-1"), TIMEOUT)))
                .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 1, false));
        assertThat(join(counters.execute(CommandRequest.of("c-1", new Increment(5), "cmd-1"), TIMEOUT)))
                .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 1, true));
        assertThat(join(counters.execute(CommandRequest.of("c-1", new Increment(-1), "cmd-2"), TIMEOUT)))
                .isInstanceOfSatisfying(CommandResult.Rejected.class, rejected ->
                        assertThat(rejected.rejection().code()).isEqualTo(CountAggregate.INVALID_AMOUNT));
        assertThat(join(counters.execute(new CommandRequest<>("c-1", new Increment(1), "cmd-3", OptionalLong.of(7)),
                TIMEOUT))).isEqualTo(new CommandResult.VersionMismatch<>(7, 1));
        assertThat(join(counters.state("c-1", TIMEOUT)).state().value()).isEqualTo(5);

        int shard = new ShardMap(ClusterFixture.SHARDS).shardOf("count", "c-1");
        String owner = cluster.servedShards().get(shard);
        assertThat(cluster.nodes.get(owner).counters.isActive("c-1")).isTrue();
    }

    @Test
    void a_node_runs_requests_for_its_own_shards_as_objects_without_encoding_or_the_transport() {
        startNodes("node-1");
        ClusterFixture.TestNode node = cluster.nodes.get("node-1");
        CommandGateway<CountCommand, Count> counters = node.gateway();

        assertThat(join(counters.execute(CommandRequest.of("c-1", new Increment(5), "cmd-1"), TIMEOUT)))
                .isEqualTo(new CommandResult.Accepted<>(new Count("c-1", 5), 1, false));
        assertThat(join(counters.execute(CommandRequest.of("c-1", new Increment(-1), "cmd-2"), TIMEOUT)))
                .isInstanceOf(CommandResult.Rejected.class);
        assertThat(join(counters.state("c-1", TIMEOUT)).state().value()).isEqualTo(5);

        assertThat(cluster.codec.encodings(CountCommand.class)).as("commands encoded").isZero();
        assertThat(cluster.codec.encodings(Count.class)).as("states encoded").isZero();
    }

    @Test
    void a_gracefully_stopped_node_hands_its_shards_over_quickly_without_failing_requests() {
        startNodes("node-1", "node-2", "node-3");
        CommandGateway<CountCommand, Count> counters = cluster.routingClient()
                .gateway(CountAggregate.TYPE, Count.class);
        Load load = new Load(counters, 50);
        load.start(4);
        await().atMost(TIMEOUT).until(() -> load.acknowledged.get() > 200);

        long stopStarted = System.nanoTime();
        assertThat(cluster.nodes.get("node-2").node.stop(Duration.ofSeconds(5))).isTrue();
        awaitSettled("node-1", "node-3");
        long movedWithinMillis = (System.nanoTime() - stopStarted) / 1_000_000;
        long atMove = load.acknowledged.get();
        await().atMost(TIMEOUT).until(() -> load.acknowledged.get() > atMove + 200);
        load.stop();

        assertThat(movedWithinMillis).isLessThan(5_000);
        assertThat(load.failures).as("requests that failed during the handoff").isEmpty();
        load.verifyExactlyOnce(cluster);
    }

    @Test
    void a_killed_node_loses_its_shards_after_expiry_and_retries_count_every_increment_exactly_once() {
        startNodes("node-1", "node-2", "node-3");
        RetryCounts retries = new RetryCounts();
        CommandGateway<CountCommand, Count> counters = cluster.routingClient(retries)
                .gateway(CountAggregate.TYPE, Count.class);
        Load load = new Load(counters, 40);
        load.start(6);
        await().atMost(TIMEOUT).until(() -> load.acknowledged.get() > 300);

        cluster.nodes.get("node-3").kill();
        awaitSettled("node-1", "node-2");
        long afterTakeover = load.acknowledged.get();
        await().atMost(TIMEOUT).until(() -> load.acknowledged.get() > afterTakeover + 300);
        load.stop();

        load.verifyExactlyOnce(cluster);
        assertThat(retries.transportErrors).as("attempts that reached the dead node").hasPositiveValue();
        assertThat(retries.retries).as("requests retried").hasPositiveValue();
    }

    @Test
    void a_stale_owner_is_fenced_by_the_event_store() {
        startNodes("node-1", "node-2");
        String id = "contested";
        int shard = new ShardMap(ClusterFixture.SHARDS).shardOf("count", id);
        String ownerId = cluster.servedShards().get(shard);
        String otherId = ownerId.equals("node-1") ? "node-2" : "node-1";
        var owner = cluster.nodes.get(ownerId).counters;
        var stale = cluster.nodes.get(otherId).counters;
        // The other node holds the entity from an earlier ownership, then the owner moves on.
        join(stale.execute(CommandRequest.of(id, new Increment(1), "old-1"), TIMEOUT));
        join(owner.execute(CommandRequest.of(id, new Increment(10), "new-1"), TIMEOUT));
        join(owner.execute(CommandRequest.of(id, new Increment(10), "new-2"), TIMEOUT));

        // The stale copy still believes it is at version 1: its append conflicts, it catches up, decides again.
        CommandResult<Count> staleWrite = join(stale.execute(CommandRequest.of(id, new Increment(100), "old-2"),
                TIMEOUT));

        assertThat(staleWrite).isEqualTo(new CommandResult.Accepted<>(new Count(id, 121), 4, false));
        List<RecordedEvent> events = join(cluster.store.readStream(StreamId.of("count", id), 1));
        assertThat(events).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(e -> e.metadata().get("command-id"))
                .containsExactly("old-1", "new-1", "new-2", "old-2");
    }

    @Test
    void a_routing_client_with_no_node_to_answer_gives_up_at_its_deadline() {
        CommandGateway<CountCommand, Count> counters = cluster.routingClient()
                .gateway(CountAggregate.TYPE, Count.class);

        assertThatThrownBy(() -> join(counters.execute(CommandRequest.of("c-1", new Increment(1), "cmd-1"),
                Duration.ofMillis(300)))).hasCauseInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void a_node_that_cannot_reach_the_membership_store_stops_serving_and_comes_back() {
        var node = cluster.start("node-1");
        await().atMost(SETTLE).until(node.node::isReady);
        assertThat(cluster.servedShards()).hasSize(ClusterFixture.SHARDS);

        node.memberStore.unreachable(true);

        await().atMost(SETTLE).until(() -> cluster.servedShards().isEmpty() && !node.node.isReady());
        node.memberStore.unreachable(false);
        await().atMost(SETTLE).until(() -> cluster.servedShards().size() == ClusterFixture.SHARDS
                && node.node.isReady());
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** Keeps increments in flight on a set of counters; retries failures with the same command id. */
    private static final class Load {
        final CommandGateway<CountCommand, Count> counters;
        final int keys;
        final AtomicLong acknowledged = new AtomicLong();
        final Map<String, Long> acknowledgedPerKey = new ConcurrentHashMap<>();
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> workers = new ArrayList<>();

        Load(CommandGateway<CountCommand, Count> counters, int keys) {
            this.counters = counters;
            this.keys = keys;
        }

        void start(int threads) {
            for (int t = 0; t < threads; t++) {
                int worker = t;
                Thread thread = new Thread(() -> run(worker), "load-" + t);
                thread.setDaemon(true);
                workers.add(thread);
                thread.start();
            }
        }

        private void run(int worker) {
            java.util.Random random = new java.util.Random(worker);
            long sequence = 0;
            while (running.get()) {
                String key = "k-" + random.nextInt(keys);
                String commandId = worker + "-" + sequence++;
                // Retry with the same command id until acknowledged: exactly-once needs nothing more.
                while (true) {
                    try {
                        CommandResult<Count> result = counters.execute(CommandRequest.of(key, new Increment(1),
                                commandId), Duration.ofSeconds(3)).toCompletableFuture().join();
                        if (!(result instanceof CommandResult.Accepted)) {
                            failures.add(new AssertionError("unexpected " + result));
                        }
                        acknowledged.incrementAndGet();
                        acknowledgedPerKey.merge(key, 1L, Long::sum);
                        break;
                    } catch (CompletionException e) {
                        if (!(e.getCause() instanceof ServiceUnavailableException)) {
                            failures.add(e.getCause());
                            return;
                        }
                        failures.add(e.getCause());
                    }
                }
            }
        }

        void stop() {
            running.set(false);
            for (Thread worker : workers) {
                try {
                    worker.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Sum of counters = acknowledged increments; streams contiguous with unique command ids. */
        void verifyExactlyOnce(ClusterFixture cluster) {
            long total = 0;
            for (int k = 0; k < keys; k++) {
                String key = "k-" + k;
                List<RecordedEvent> events = cluster.store.readStream(StreamId.of("count", key), 1)
                        .toCompletableFuture().join();
                Set<String> commandIds = new HashSet<>();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).version()).isEqualTo(i + 1);
                    assertThat(commandIds.add(events.get(i).metadata().get("command-id")))
                            .as("command %s stored twice in %s", events.get(i).metadata().get("command-id"), key)
                            .isTrue();
                }
                assertThat((long) events.size()).as("increments stored for %s", key)
                        .isEqualTo(acknowledgedPerKey.getOrDefault(key, 0L));
                total += events.size();
            }
            assertThat(total).isEqualTo(acknowledged.get());
        }
    }

    /** The client's transport errors and retries. */
    private static final class RetryCounts implements ClusterMetrics {
        final AtomicLong transportErrors = new AtomicLong();
        final AtomicLong retries = new AtomicLong();

        @Override
        public void transportError(String errorType) {
            transportErrors.incrementAndGet();
        }

        @Override
        public void retry(String messageType) {
            retries.incrementAndGet();
        }
    }
}
