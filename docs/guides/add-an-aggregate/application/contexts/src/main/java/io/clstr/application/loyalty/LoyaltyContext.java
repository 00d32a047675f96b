package io.clstr.application.loyalty;

import io.clstr.application.context.BoundedContext;
import io.clstr.application.context.ContextSetup;
import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.loyalty.LoyaltyAccountAggregate;
import io.clstr.ports.out.codec.TypeCatalog;
import java.util.List;

// tag::context[]
/** Loyalty accounts: their entities, the read model of a customer's accounts, and the use cases. */
public final class LoyaltyContext implements BoundedContext {

    private final LoyaltyAccountAggregate accounts = new LoyaltyAccountAggregate();

    @Override
    public TypeCatalog types() {
        return LoyaltyTypes.catalog();
    }

    @Override
    public List<Aggregate<?, ?, ?>> aggregates() {
        return List.of(accounts);
    }

    @Override
    public void start(ContextSetup setup) {
        setup.followOnOneNode("loyalty read model", new LoyaltyProjection(setup.keyValues(), setup.codec()));
        setup.offer(new LoyaltyService(setup.gateway(accounts), setup.clock(), setup.requestTimeout()));
        setup.offer(setup.closeOnStop("loyalty account list", new LoyaltyAccountList(setup.keyValues(),
                setup.codec())));
    }
}
// end::context[]
