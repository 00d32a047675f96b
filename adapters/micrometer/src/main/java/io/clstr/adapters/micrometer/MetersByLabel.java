package io.clstr.adapters.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters (or small groups of meters) of one family, one per value of a bounded label, built on first use.
 * After the first call for a value, {@link #get} is a single map lookup: no tags, builders or allocation.
 */
final class MetersByLabel<M> {

    private final BoundedLabel label;
    private final Function<String, M> create;
    private final ConcurrentHashMap<String, M> meters = new ConcurrentHashMap<>();

    /** {@code create} builds the meters for one admitted label value. */
    MetersByLabel(BoundedLabel label, Function<String, M> create) {
        this.label = label;
        this.create = create;
    }

    M get(String value) {
        if (value != null) {
            M meter = meters.get(value);
            if (meter != null) {
                return meter;
            }
        }
        return createOrGet(label.admit(value));
    }

    private M createOrGet(String admitted) {
        // Refused values land here on every call; a plain read keeps them off computeIfAbsent's lock.
        M meter = meters.get(admitted);
        return meter != null ? meter : meters.computeIfAbsent(admitted, create);
    }
}
