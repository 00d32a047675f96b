package io.clstr.application.order;

import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.application.eventsourcing.KeyValueReadModel;
import io.clstr.application.eventsourcing.Projection;
import io.clstr.application.eventsourcing.ProjectionCommit;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.domain.order.OrderAggregate;
import io.clstr.domain.order.OrderEvent.OrderCancelled;
import io.clstr.domain.order.OrderEvent.OrderConfirmed;
import io.clstr.domain.order.OrderEvent.OrderLineAdded;
import io.clstr.domain.order.OrderEvent.OrderLineQuantityChanged;
import io.clstr.domain.order.OrderEvent.OrderLineRemoved;
import io.clstr.domain.order.OrderEvent.OrderPlaced;
import io.clstr.domain.order.OrderEvent.OrderShipped;
import io.clstr.domain.order.OrderLine;
import io.clstr.domain.order.OrderStatus;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the order read model: one {@link OrderSummaryDocument} per order under {@code orders/<orderId>}, which
 * {@link OrderListService} lists. Idempotent through {@link KeyValueReadModel}, so it is safe to replay.
 */
public final class OrderProjection implements Projection {

    /** The projection's name: its checkpoint and metrics are filed under it. */
    public static final String NAME = "order-summaries";

    /** The key prefix of the documents. */
    public static final String KEY_PREFIX = "orders";

    private final KeyValueReadModel<OrderSummaryDocument> summaries;

    /** @param codec its catalog must hold the order events and {@link OrderReadModelTypes} */
    public OrderProjection(KeyValueStore store, Codec codec) {
        this.summaries = readModel(store, codec);
    }

    static KeyValueReadModel<OrderSummaryDocument> readModel(KeyValueStore store, Codec codec) {
        return new KeyValueReadModel<>(store, codec, KEY_PREFIX, OrderSummaryDocument.class,
                OrderSummaryDocument::version);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<AggregateType> aggregateTypes() {
        return Set.of(OrderAggregate.TYPE);
    }

    @Override
    public void apply(ProjectionCommit commit) {
        summaries.apply(commit, OrderProjection::evolve);
    }

    @Override
    public void reset() {
        summaries.clear();
    }

    /** The stored document of an order, if the read model has it. */
    public Optional<OrderSummaryDocument> get(String orderId) {
        return summaries.get(orderId);
    }

    static OrderSummaryDocument evolve(OrderSummaryDocument current, EventEnvelope<?> envelope) {
        Object event = envelope.event();
        long version = envelope.version();
        if (event instanceof OrderPlaced placed) {
            return OrderSummaryDocument.placed(envelope.stream().id(), placed.customerId(), placed.currency(),
                    placed.lines(), placed.placedAt(), version);
        }
        if (current == null) {
            throw new IllegalStateException("order " + envelope.stream().id() + " has a " + envelope.type()
                    + " event at version " + version + " but was never placed");
        }
        if (event instanceof OrderLineAdded added) {
            List<OrderLine> lines = new ArrayList<>(current.lines());
            lines.add(added.line());
            return current.withLines(lines, version);
        }
        if (event instanceof OrderLineRemoved removed) {
            List<OrderLine> lines = new ArrayList<>(current.lines());
            lines.removeIf(line -> line.lineId().equals(removed.lineId()));
            return current.withLines(lines, version);
        }
        if (event instanceof OrderLineQuantityChanged changed) {
            List<OrderLine> lines = new ArrayList<>(current.lines().size());
            for (OrderLine line : current.lines()) {
                lines.add(line.lineId().equals(changed.lineId()) ? line.withQuantity(changed.quantity()) : line);
            }
            return current.withLines(lines, version);
        }
        if (event instanceof OrderConfirmed) {
            return current.withStatus(OrderStatus.CONFIRMED, version);
        }
        if (event instanceof OrderCancelled) {
            return current.withStatus(OrderStatus.CANCELLED, version);
        }
        if (event instanceof OrderShipped) {
            return current.withStatus(OrderStatus.SHIPPED, version);
        }
        throw new IllegalArgumentException("the order read model does not know the event "
                + event.getClass().getName());
    }
}
