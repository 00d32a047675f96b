package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.bootstrap.Node;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault model against real servers: three clstr nodes on three NATS servers with three replicas, under load
 * (see {@link FaultBench}). Each test injects one fault and checks what docs/architecture/risks.md promises; each
 * prints a {@code FAULT} line with its numbers to the test output.
 */
@Tag("long")
class NatsFaultsIT {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration DOWN = Duration.ofSeconds(25);
    /** Throughput before a fault is the mean of this many seconds; dips while it lasts use windows as long. */
    private static final int BASELINE_SECONDS = 5;
    private static final long TTL_MILLIS = FaultBench.MEMBER_TTL.toMillis();

    static {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    @Test
    void losing_the_server_that_leads_the_membership_bucket() throws Exception {
        loseOneServer("leader of the membership bucket", FaultBench::membersStream);
    }

    @Test
    void losing_the_server_that_leads_the_lease_bucket() throws Exception {
        loseOneServer("leader of the lease bucket", FaultBench::leasesStream);
    }

    @Test
    void losing_the_server_that_leads_the_event_stream() throws Exception {
        loseOneServer("leader of the event stream", FaultBench::eventStream);
    }

    @Test
    void losing_the_jetstream_meta_leader() throws Exception {
        loseOneServer("JetStream meta leader", bench -> null);
    }

    /**
     * Kills one server ({@code kill -9}) under load and restarts it after a while. Other streams' leaders, and the
     * named stream's leader when it shares a server with the meta leader, are moved first, so each test loses exactly
     * the leader it names.
     */
    private void loseOneServer(String fault, Function<FaultBench, String> ledStream) throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster().startNodes(3)) {
            bench.startLoad();
            bench.runFor(WARM_UP);
            String stream = ledStream.apply(bench);
            String victim = stream == null ? bench.nats.metaLeader() : bench.leaderOf(stream);
            if (stream != null && victim.equals(bench.nats.metaLeader())) {
                bench.moveLeadersOff(victim, List.of(stream));
                victim = bench.leaderOf(stream);
            }
            List<String> others = new ArrayList<>(bench.streams());
            others.remove(stream);
            bench.moveLeadersOff(victim, others);
            bench.runFor(Duration.ofSeconds(5));

            long killedAt = bench.now();
            int killSecond = bench.secondOf(killedAt);
            double baseline = bench.rate(killSecond - BASELINE_SECONDS, killSecond);
            bench.nats.server(bench.indexOf(victim)).kill();
            bench.runUntil(killedAt + DOWN.toMillis());
            long restartedAt = bench.now();
            bench.nats.server(bench.indexOf(victim)).startAgain();
            bench.runFor(Duration.ofSeconds(5));
            long election = stream == null ? 0 : bench.leaderElectedAfter(stream, killedAt);
            // 2.9 may elect no leader until the server is back, and once did so 11 s after its return on a loaded
            // machine: the load runs on until 5 s after the election, so clstr's recovery from it can be measured.
            bench.runUntil(Math.max(bench.now(), killedAt + election + 5_000));
            Verification.Result verification = bench.stopLoadAndVerify();

            long unready = bench.longestUnready(killedAt, restartedAt);
            // Counted from the first whole second without the server.
            int recovered = bench.secondsUntil(killSecond + 1, 0.8, baseline);
            double lowest = bench.lowestRate(killSecond + 1 + Math.max(recovered, 0), bench.secondOf(restartedAt),
                    BASELINE_SECONDS);
            bench.report(fault, String.format(Locale.ROOT, "readiness lost %.1f s | NATS elected a new leader after"
                    + " %.1f s | baseline %.0f/s | back to 80%% after %d s | lowest 5 s while down %.0f%%",
                    unready / 1000.0, election / 1000.0, baseline, recovered, 100 * lowest / baseline),
                    verification);
            // No one can write to a stream until NATS has elected its new leader, which its Raft election timeout
            // makes take 4 to 9 s: the 10 s target holds while NATS itself needs up to 8 s, and clstr must be
            // back within 2 s of the election when it needs more (docs/architecture/risks.md).
            int allowed = Math.max(10, (int) Math.ceil(election / 1000.0) + 2);
            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
            assertThat(unready).as("longest time a node was not ready (ms)").isLessThanOrEqualTo(TTL_MILLIS);
            assertThat(recovered).as("seconds until throughput was back to 80%").isBetween(0, allowed);
            if (election >= DOWN.toMillis()) {
                // nats-server 2.9 sometimes elects no leader while one of three servers is down ("has NO quorum,
                // stalled" in its log) and the stream takes no writes until the server returns. Requests that
                // waited longer than their timeout fail then whatever the client does; what is left to check is
                // above: nothing lost or doubled, every node ready, back within 2 s of the election.
                System.out.println("FAULT " + fault + " | NATS elected no new leader while the server was down;"
                        + " requests waiting on the stream for longer than their timeout failed");
                return;
            }

            // The service goes on at a similar rate; a five-second mean on two busy cores varies by a third
            // between runs (98 to 126 % of the baseline in one run, 70 % in another), so half is the bar.
            assertThat(bench.failedRequests()).as("failed requests").isEmpty();
            assertThat(lowest).as("lowest five-second rate while the server was down").isGreaterThanOrEqualTo(
                    0.5 * baseline);
        }
    }

    @Test
    void a_rolling_restart_of_the_servers_fails_no_request() throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster().startNodes(3)) {
            bench.startLoad();
            bench.runFor(WARM_UP);
            long startedAt = bench.now();
            for (int server = 0; server < 3; server++) {
                bench.nats.server(server).drainAndStop();
                bench.runFor(Duration.ofSeconds(2));
                bench.nats.server(server).startAgain();
                bench.awaitNatsCurrent();
                bench.runFor(Duration.ofSeconds(2));
            }
            long endedAt = bench.now();
            Verification.Result verification = bench.stopLoadAndVerify();
            long unready = bench.longestUnready(startedAt, endedAt);
            bench.report("rolling restart of the servers", String.format(Locale.ROOT,
                    "readiness lost %.1f s | took %.0f s", unready / 1000.0, (endedAt - startedAt) / 1000.0),
                    verification);

            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
            assertThat(bench.failedRequests()).as("failed requests").isEmpty();
            assertThat(unready).as("longest time a node was not ready (ms)").isLessThanOrEqualTo(TTL_MILLIS);
        }
    }

    @Test
    void all_servers_gone_for_thirty_seconds_then_back() throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster().startNodes(3)) {
            bench.startLoad();
            bench.runFor(WARM_UP);
            long killedAt = bench.now();
            for (int server = 0; server < 3; server++) {
                bench.nats.server(server).kill();
            }
            bench.runFor(Duration.ofSeconds(30));
            long restartingAt = bench.now();
            for (int server = 0; server < 3; server++) {
                bench.nats.server(server).startAgain();
            }
            long returnedAt = bench.now();
            bench.runFor(Duration.ofSeconds(20));
            Verification.Result verification = bench.stopLoadAndVerify();
            long readyAt = bench.awaitAllReady(returnedAt);
            boolean heldNothing = bench.noneReadyNorServing(killedAt + TTL_MILLIS, restartingAt);
            bench.report("all servers gone for 30 s", String.format(Locale.ROOT,
                    "not ready and serving nothing from a TTL after the loss until the return: %s | every node ready"
                            + " %.1f s after the servers accepted clients", heldNothing,
                    (readyAt - returnedAt) / 1000.0), verification);

            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
            assertThat(heldNothing).as("no node ready or serving a shard while NATS was gone").isTrue();
            assertThat(readyAt).as("every node ready again").isPositive();
            assertThat(readyAt - returnedAt).as("ms from the servers' return until every node was ready")
                    .isLessThanOrEqualTo(20_000);
        }
    }

    @Test
    void nodes_started_together_with_clocks_a_minute_apart_are_ready_within_seconds() throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster()) {
            Clock now = Clock.systemUTC();
            long startingAt = bench.now();
            bench.startNodes(List.of(Clock.offset(now, Duration.ofSeconds(-30)), now,
                    Clock.offset(now, Duration.ofSeconds(30))));
            long readyAt = bench.awaitAllReady(startingAt);
            bench.startLoad();
            bench.runFor(Duration.ofSeconds(10));
            long unreadyAfterStart = bench.longestUnready(readyAt, bench.now());
            Verification.Result verification = bench.stopLoadAndVerify();
            bench.report("three nodes started at once on a fresh cluster, clocks -30 s, 0, +30 s",
                    String.format(Locale.ROOT, "all ready %.1f s after start | readiness lost afterwards %.1f s |"
                            + " samples with a singleton on two nodes %d", (readyAt - startingAt) / 1000.0,
                            unreadyAfterStart / 1000.0, bench.samplesWithASingletonTwice()), verification);

            assertThat(readyAt).as("every node ready").isPositive();
            assertThat(readyAt - startingAt).as("ms until every node was ready").isLessThanOrEqualTo(10_000);
            assertThat(unreadyAfterStart).as("readiness lost once ready (membership churn)").isZero();
            assertThat(bench.samplesWithASingletonTwice()).as("samples with the read model on two nodes").isZero();
            assertThat(bench.singletonRunsSomewhere()).as("the read model runs somewhere").isTrue();
            assertThat(bench.failedRequests()).as("failed requests").isEmpty();
            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
        }
    }

    @Test
    void a_rolling_restart_of_the_nodes_fails_no_request() throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster().startNodes(3)) {
            bench.startLoad();
            bench.runFor(WARM_UP);
            for (String id : List.of("node-1", "node-2", "node-3")) {
                Node old = bench.node(id);
                old.stop();
                bench.nodes.remove(old);
                bench.nodes.add(bench.startNode(id, Clock.systemUTC()));
                bench.runFor(Duration.ofSeconds(3));
            }
            Verification.Result verification = bench.stopLoadAndVerify();
            bench.report("rolling restart of the nodes (graceful)", String.format(Locale.ROOT,
                    "samples with a singleton on two nodes %d", bench.samplesWithASingletonTwice()), verification);

            assertThat(bench.failedRequests()).as("failed requests (conflicts included)").isEmpty();
            assertThat(bench.samplesWithASingletonTwice()).as("samples with the read model on two nodes").isZero();
            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
        }
    }

    @Test
    void a_crashed_node_is_replaced_without_failed_requests() throws Exception {
        try (FaultBench bench = FaultBench.onFreshNatsCluster().startNodes(3)) {
            bench.startLoad();
            bench.runFor(WARM_UP);
            long crashedAt = bench.now();
            int crashSecond = bench.secondOf(crashedAt);
            double baseline = bench.rate(crashSecond - 5, crashSecond);
            Node victim = bench.node("node-3");
            victim.crash();
            bench.nodes.remove(victim);
            bench.runFor(Duration.ofSeconds(20));
            Verification.Result verification = bench.stopLoadAndVerify();
            int resumed = bench.secondsUntil(crashSecond + 1, 0.5, baseline);
            int recovered = bench.secondsUntil(crashSecond + 1, 0.8, baseline);
            bench.report("a node crashes", String.format(Locale.ROOT, "baseline %.0f/s | back to half after %d s"
                    + " | back to 80%% after %d s", baseline, resumed, recovered), verification);

            // The survivors take the crashed node's shards after a member TTL (5 s) and serve them. How close they
            // come to three nodes' rate on two busy cores varies between runs (back to 80 % after 4 to 18 s), so
            // the bar is that the service resumes.
            assertThat(bench.failedRequests()).as("failed requests").isEmpty();
            assertThat(resumed).as("seconds until throughput was back to half").isBetween(0, 15);
            assertThat(verification.problems()).as("exactly-once verification").isEmpty();
        }
    }
}
