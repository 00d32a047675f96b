package io.clstr.domain.counter;

import java.util.Objects;

/**
 * The state of a counter: its id and the sum of every accepted increment.
 *
 * @param id    the aggregate id
 * @param value the current value; never negative for a counter built by {@link CounterAggregate}
 */
public record Counter(String id, long value) {

    public Counter {
        Objects.requireNonNull(id, "id");
    }
}
