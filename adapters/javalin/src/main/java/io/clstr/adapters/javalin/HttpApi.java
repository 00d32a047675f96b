package io.clstr.adapters.javalin;

import io.clstr.ports.in.counter.GetCounterQuery;
import io.clstr.ports.in.counter.IncrementCounterUseCase;
import io.clstr.ports.in.operations.ClusterViewQuery;
import io.clstr.ports.in.operations.HealthQuery;
import io.clstr.ports.in.order.CancelOrderUseCase;
import io.clstr.ports.in.order.ChangeOrderLinesUseCase;
import io.clstr.ports.in.order.ConfirmOrderUseCase;
import io.clstr.ports.in.order.GetOrderQuery;
import io.clstr.ports.in.order.ListOrdersQuery;
import io.clstr.ports.in.order.OrderHistoryQuery;
import io.clstr.ports.in.order.PlaceOrderUseCase;
import io.clstr.ports.in.order.ShipOrderUseCase;
import java.util.Objects;

/** The driving ports the HTTP routes call: every route calls exactly one of them. */
public record HttpApi(
        // region sample: tools/MakeItYours.java --without-samples deletes the samples' ports.
        Orders orders,
        Counters counters,
        // endregion sample
        Operations operations) {

    public HttpApi {
        // region sample
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(counters, "counters");
        // endregion sample
        Objects.requireNonNull(operations, "operations");
    }

    // region sample
    /** The order sample's use cases and queries. */
    public record Orders(PlaceOrderUseCase place, ChangeOrderLinesUseCase changeLines, ConfirmOrderUseCase confirm,
            CancelOrderUseCase cancel, ShipOrderUseCase ship, GetOrderQuery get, ListOrdersQuery list,
            OrderHistoryQuery history) {
        public Orders {
            Objects.requireNonNull(place, "place");
            Objects.requireNonNull(changeLines, "changeLines");
            Objects.requireNonNull(confirm, "confirm");
            Objects.requireNonNull(cancel, "cancel");
            Objects.requireNonNull(ship, "ship");
            Objects.requireNonNull(get, "get");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(history, "history");
        }
    }

    /** The counter sample's use case and query. */
    public record Counters(IncrementCounterUseCase increment, GetCounterQuery get) {
        public Counters {
            Objects.requireNonNull(increment, "increment");
            Objects.requireNonNull(get, "get");
        }
    }
    // endregion sample

    /** What operators and load balancers ask. */
    public record Operations(HealthQuery health, ClusterViewQuery cluster) {
        public Operations {
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(cluster, "cluster");
        }
    }
}
