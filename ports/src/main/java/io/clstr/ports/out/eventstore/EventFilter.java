package io.clstr.ports.out.eventstore;

import io.clstr.domain.kernel.AggregateType;
import java.util.Set;

/** Which commits a global read or subscription delivers: all of them, or those of some aggregate types. */
public record EventFilter(Set<AggregateType> aggregateTypes) {

    public EventFilter {
        aggregateTypes = Set.copyOf(aggregateTypes);
    }

    public static EventFilter all() {
        return new EventFilter(Set.of());
    }

    public static EventFilter aggregateTypes(AggregateType... types) {
        return new EventFilter(Set.of(types));
    }

    public boolean matchesAll() {
        return aggregateTypes.isEmpty();
    }

    public boolean matches(StreamId stream) {
        return aggregateTypes.isEmpty() || aggregateTypes.contains(stream.type());
    }
}
