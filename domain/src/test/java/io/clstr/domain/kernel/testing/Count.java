package io.clstr.domain.kernel.testing;

import java.util.Objects;

/**
 * The state of the test aggregate {@link CountAggregate}: an id and a number that only grows.
 *
 * @param id    the aggregate id
 * @param value the sum of every accepted increment
 */
public record Count(String id, long value) {

    public Count {
        Objects.requireNonNull(id, "id");
    }
}
