package io.clstr.adapters.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of one family, one per value of a bounded label, each reading the supplier registered last for its
 * value. Registering again for a value swaps the supplier instead of adding a meter, so a restarted
 * component neither throws nor leaves the old one (and whatever it holds) reachable from the registry.
 */
final class GaugeFamily {

    private static final Logger LOG = LoggerFactory.getLogger(GaugeFamily.class);

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final BoundedLabel label;
    private final ConcurrentHashMap<String, Source> sources = new ConcurrentHashMap<>();

    GaugeFamily(MeterRegistry registry, String name, String description, BoundedLabel label) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.label = label;
    }

    void register(String value, LongSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        String admitted = label.tryAdmit(value);
        if (admitted == null) {
            // An "other" gauge would show one arbitrary member's value, which is worse than none.
            LOG.warn("Gauge '{}' is not registered for {}='{}': the label is full or the value missing",
                    name, label.name(), value);
            return;
        }
        sources.compute(admitted, (labelValue, existing) -> {
            if (existing == null) {
                Source source = new Source(supplier);
                Gauge.builder(name, source, Source::read)
                        .description(description)
                        .tag(label.name(), labelValue)
                        .strongReference(true)
                        .register(registry);
                return source;
            }
            existing.supplier = supplier;
            return existing;
        });
    }

    /** What the registry holds on to: a stable object whose supplier can be swapped. */
    private static final class Source {

        private volatile LongSupplier supplier;

        Source(LongSupplier supplier) {
            this.supplier = supplier;
        }

        double read() {
            return supplier.getAsLong();
        }
    }
}
