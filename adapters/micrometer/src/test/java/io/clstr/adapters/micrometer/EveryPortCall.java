package io.clstr.adapters.micrometer;

import io.clstr.domain.kernel.AggregateType;

/** Calls every method of every metrics port once, so a scrape shows every family the adapter can emit. */
final class EveryPortCall {

    private EveryPortCall() {
    }

    static void exercise(MicrometerMetrics metrics) {
        AggregateType order = AggregateType.of("order");
        var es = metrics.eventSourcing();
        es.storeLoad(order, 1_000);
        es.storeAppend(order, 1_000);
        es.eventsAppended(order, 1);
        es.entityRecovered(order, 1_000);
        es.commandCommitted(order, 1_000);
        es.concurrencyConflict(order);
        es.entityCacheHit(order);
        es.entityCacheMiss(order);
        es.entityPassivated(order);
        es.commitBatch(order, 1);
        es.registerActiveEntities(order, () -> 1);
        es.snapshotLoad(order, 1_000);
        es.snapshotSave(order, 1_000);
        es.snapshotSkipped(order);
        es.consumerEvent("OrderPlaced", true, true, 1_000);
        es.registerConsumerLag("order-summary", () -> 0);
        es.consumerReconnect("order-summary");
        es.consumerParked("order-summary");

        var actors = metrics.actors();
        actors.messageHandled("PlaceOrder", true, 1_000);
        actors.handlerFailed("PlaceOrder");
        actors.mailboxRejected("entity-order");
        actors.registerMailboxDepth("entity-order", () -> 0);
        actors.registerSchedulerInflight("timers", () -> 0);
        actors.taskCompleted(true, 1_000);

        var cluster = metrics.cluster();
        cluster.request("PlaceOrder", true, 1_000);
        cluster.transportError("timeout");
        cluster.retry("PlaceOrder");
        cluster.handled("PlaceOrder", true, 1_000);
        cluster.registerHandlersActive("node-1", () -> 0);
        cluster.registerShardsOwned("node-1", () -> 1);
        cluster.registerMembers("node-1", () -> 1);
        cluster.shardMoved("node-1", true);

        metrics.http().request("GET", "/orders/{id}", 200, 1_000);
    }
}
