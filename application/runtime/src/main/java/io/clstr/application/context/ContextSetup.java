package io.clstr.application.context;

import io.clstr.application.eventsourcing.AggregateHistory;
import io.clstr.application.eventsourcing.CommandGateway;
import io.clstr.application.eventsourcing.Projection;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.time.Clock;
import java.time.Duration;

/** What a node gives a {@link BoundedContext} while it starts: the parts a context's services are built from. */
public interface ContextSetup {

    /** Reaches the aggregate's entities wherever they live in the cluster. */
    <C, S> CommandGateway<C, S> gateway(Aggregate<C, ?, S> aggregate);

    /** Reads the aggregate's past (audit trail, time travel) straight from the event store. */
    <C, E, S> AggregateHistory<C, E, S> history(Aggregate<C, E, S> aggregate);

    /** Keeps the projection's read model from the event feed on one node of the cluster at a time. */
    void followOnOneNode(String name, Projection projection);

    /** Closes {@code part} when the node stops, after the HTTP server has drained. */
    <T extends AutoCloseable> T closeOnStop(String name, T part);

    /** Makes the use cases and queries {@code implementation} implements available to the driving adapters. */
    void offer(Object implementation);

    /** Where read models keep their documents. */
    KeyValueStore keyValues();

    /** Encodes the types every context registered. */
    Codec codec();

    /** The node's wall clock, for the times commands carry. */
    Clock clock();

    /** How long a request may take; services use it for their reads. */
    Duration requestTimeout();
}
