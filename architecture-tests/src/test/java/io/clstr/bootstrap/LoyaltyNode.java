package io.clstr.bootstrap;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.javalin.loyalty.HttpApi;
import io.clstr.adapters.micrometer.MicrometerMetrics;
import io.clstr.adapters.micrometer.PrometheusScrape;
import io.clstr.application.actor.ActorSystem;
import io.clstr.application.actor.BackgroundTasks;
import io.clstr.application.cluster.ClusterClient;
import io.clstr.application.cluster.ClusterNode;
import io.clstr.application.cluster.ClusterSettings;
import io.clstr.application.cluster.ClusterSingleton;
import io.clstr.application.counter.CounterTypes;
import io.clstr.application.eventsourcing.EntityRuntime;
import io.clstr.application.eventsourcing.EntitySettings;
import io.clstr.application.eventsourcing.ProjectionRunner;
import io.clstr.application.loyalty.LoyaltyAccountList;
import io.clstr.application.loyalty.LoyaltyProjection;
import io.clstr.application.loyalty.LoyaltyService;
import io.clstr.application.loyalty.LoyaltyTypes;
import io.clstr.application.order.OrderReadModelTypes;
import io.clstr.application.order.OrderTypes;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.loyalty.LoyaltyAccount;
import io.clstr.domain.loyalty.LoyaltyAccountAggregate;
import io.clstr.domain.loyalty.LoyaltyCommand;
import io.clstr.domain.loyalty.LoyaltyEvent;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A node that runs the loyalty account of {@code docs/guides/add-an-aggregate.md}: the parts of {@link Node}'s
 * {@code wire} that the example needs, with the lines the guide adds to {@code Node.wire} written here exactly as
 * the guide shows them (between {@code tag::} markers), so they compile and run. Names of locals are those of
 * {@code Node.wire}.
 */
final class LoyaltyNode implements AutoCloseable {

    private static final int BACKGROUND_THREADS = 4;

    private final ClstrConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Deque<Part> started = new ArrayDeque<>();
    private ClusterNode clusterNode;
    private HttpApi.Loyalty loyaltyApi;

    private LoyaltyNode(ClstrConfig config) {
        this.config = config;
    }

    /** Starts every part on this backend and waits until the node serves its shards. */
    static LoyaltyNode start(ClstrConfig config, Backend backend) {
        LoyaltyNode node = new LoyaltyNode(config);
        try {
            node.wire(backend);
            node.clusterNode.awaitReady(Duration.ofSeconds(30)).toCompletableFuture().join();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The ports the HTTP adapter gets, as the guide passes them to {@code HttpApi}. */
    HttpApi.Loyalty loyaltyApi() {
        return loyaltyApi;
    }

    private void wire(Backend backend) {
        started.push(new Part("backend", timeout -> {
            close(backend);
            return true;
        }));
        Codec codec = codec();
        PrometheusScrape scrape = new PrometheusScrape();
        started.push(new Part("metrics", timeout -> {
            scrape.close();
            return true;
        }));
        MicrometerMetrics metrics = scrape.metrics();
        ActorSystem actors = ActorSystem.builder(config.nodeId()).metrics(metrics.actors()).build();
        started.push(new Part("actors", actors::close));
        ExecutorService backgroundThreads = Executors.newFixedThreadPool(BACKGROUND_THREADS);
        started.push(new Part("background threads", timeout -> {
            backgroundThreads.shutdown();
            return true;
        }));
        BackgroundTasks background = new BackgroundTasks("background", backgroundThreads, BACKGROUND_THREADS, 4096,
                metrics.actors());
        started.push(new Part("background tasks", background::close));
        EntitySettings entitySettings = EntitySettings.defaults()
                .withIdleTimeout(config.idleTimeout())
                .withMaxActiveEntities(config.maxActiveEntities())
                .withSnapshotEvery(config.snapshotEvery());

        // tag::entities[]
        EntityRuntime<LoyaltyCommand, LoyaltyEvent, LoyaltyAccount> loyalty = entities(new LoyaltyAccountAggregate(),
                backend, codec, actors, background, entitySettings, metrics);
        // end::entities[]

        MessageTransport transport = backend.connectTransport();
        started.push(new Part("transport", timeout -> {
            transport.close();
            return true;
        }));
        ClusterNode.Builder clusterBuilder = ClusterNode.builder(clusterSettings())
                .transport(transport)
                .members(backend.members())
                .leases(backend.leases())
                .codec(codec)
                .metrics(metrics.cluster())
                .clock(clock);
        // tag::host[]
        clusterBuilder.host(loyalty);
        // end::host[]
        ClusterNode cluster = clusterBuilder.build();
        started.push(new Part("cluster", cluster::stop));
        clusterNode = cluster;
        ClusterClient client = ClusterClient.forNode(cluster, transport, codec, actors.scheduler(),
                metrics.cluster());

        // tag::read-model[]
        // The loyalty read model follows the event feed on one node of the cluster, like the order read model.
        ProjectionRunner loyaltySummaries = ProjectionRunner.builder(new LoyaltyProjection(backend.keyValues(), codec))
                .eventStore(backend.events())
                .codec(codec)
                .checkpoints(backend.keyValues())
                .scheduler(actors.scheduler())
                .background(background)
                .metrics(metrics.eventSourcing())
                .clock(clock)
                .build();
        ClusterSingleton loyaltyReadModel = new ClusterSingleton("loyalty read model", cluster,
                loyaltySummaries::start, loyaltySummaries::stop, backgroundThreads);
        started.push(new Part("loyalty read model", timeout -> {
            loyaltyReadModel.close();
            return true;
        }));
        loyaltyReadModel.begin();
        // end::read-model[]

        // tag::services[]
        LoyaltyService loyaltyService = new LoyaltyService(
                client.gateway(LoyaltyAccountAggregate.TYPE, LoyaltyAccount.class), clock, config.requestTimeout());
        LoyaltyAccountList loyaltyAccounts = new LoyaltyAccountList(backend.keyValues(), codec);
        started.push(new Part("loyalty account list", timeout -> {
            loyaltyAccounts.close();
            return true;
        }));
        // end::services[]
        cluster.start();

        loyaltyApi = new HttpApi.Loyalty(loyaltyService, loyaltyService, loyaltyService, loyaltyAccounts);
    }

    private ClusterSettings clusterSettings() {
        return new ClusterSettings(config.cluster(), config.nodeId(), config.shards(), "clstr",
                config.heartbeatInterval(), config.memberTtl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** As {@code Node.entities}: an entity runtime for one aggregate type, stopped with the node. */
    private <C, E, S> EntityRuntime<C, E, S> entities(Aggregate<C, E, S> aggregate, Backend backend, Codec codec,
            ActorSystem actors, BackgroundTasks background, EntitySettings settings, MicrometerMetrics metrics) {
        EntityRuntime<C, E, S> runtime = EntityRuntime.builder(aggregate)
                .eventStore(backend.events())
                .snapshots(backend.snapshots())
                .codec(codec)
                .actors(actors)
                .background(background)
                .settings(settings)
                .metrics(metrics.eventSourcing())
                .clock(clock)
                .build();
        started.push(new Part(aggregate.type().name() + " entities", runtime::close));
        return runtime;
    }

    // tag::codec[]
    /** JSON for every stored type: events, commands and states of the samples and the loyalty accounts, and the read models. */
    private static Codec codec() {
        TypeCatalog types = TypeCatalog.empty();
        // region sample: tools/MakeItYours.java --without-samples deletes the samples' wiring.
        types = types.merge(OrderTypes.catalog()).merge(OrderReadModelTypes.catalog()).merge(CounterTypes.catalog());
        // endregion sample
        types = types.merge(LoyaltyTypes.catalog());
        return new JacksonCodec(types);
    }
    // end::codec[]

    @Override
    public void close() {
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.stop().within(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // a test node: keep stopping the rest
            }
        }
    }

    private static void close(Backend backend) {
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Stop {
        boolean within(Duration timeout);
    }

    private record Part(String name, Stop stop) {
    }
}
