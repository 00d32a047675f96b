package io.clstr.application.context;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

/**
 * One bounded context as a node runs it: the stored names of its types, the aggregates whose entities the cluster
 * hosts, and the read models and use cases it builds once the cluster can route. A node lists its contexts in one
 * place; everything else about a context stays in the context's own packages.
 */
public interface BoundedContext {

    /** The stored and transmitted names of the context's events, commands, states and read model documents. */
    TypeCatalog types();

    /** The aggregates whose entities the cluster runs, each on the node that owns its shard. */
    List<Aggregate<?, ?, ?>> aggregates();

    /**
     * Builds the context's read models and use cases and offers the use cases to the driving adapters. Called once
     * per node, after the entities are hosted and before the node joins the cluster. One process may run several
     * nodes (the load test does), so whatever is built here belongs to the node, never to the context object.
     */
    void start(ContextSetup setup);
}
