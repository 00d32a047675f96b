package io.clstr.ports.in.order;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads one order: now, as of a version, or as of an instant (time travel). */
public interface GetOrderQuery {

    /** The current order, read from its owner (so it includes every acknowledged command). */
    CompletionStage<Optional<OrderView>> getOrder(String orderId);

    /** The order as it was right after its event with this version; empty if it has no such version. */
    CompletionStage<Optional<OrderView>> getOrderAtVersion(String orderId, long version);

    /** The order as it was at this instant; empty if it did not exist yet. */
    CompletionStage<Optional<OrderView>> getOrderAsOf(String orderId, Instant instant);
}
