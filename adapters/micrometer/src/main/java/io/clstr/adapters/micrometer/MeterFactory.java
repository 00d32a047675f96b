package io.clstr.adapters.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds clstr meters on one registry, with the shared histogram buckets and one {@link BoundedLabel} per
 * label name, so a label such as {@code message_type} has one limit across the actor and cluster families.
 */
final class MeterFactory {

    /** The latency buckets of the clstr-go metric set, in seconds: 1 ms to 10 s. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };

    /** Batch-size buckets: powers of two up to 1024. */
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final MeterRegistry registry;
    private final int maxValuesPerLabel;
    private final ConcurrentHashMap<String, BoundedLabel> labels = new ConcurrentHashMap<>();

    MeterFactory(MeterRegistry registry, int maxValuesPerLabel) {
        if (maxValuesPerLabel < 1) {
            throw new IllegalArgumentException("maxValuesPerLabel must be at least 1, got " + maxValuesPerLabel);
        }
        this.registry = registry;
        this.maxValuesPerLabel = maxValuesPerLabel;
    }

    BoundedLabel label(String name) {
        return labels.computeIfAbsent(name, labelName -> new BoundedLabel(labelName, maxValuesPerLabel));
    }

    /** A timer rendered as a Prometheus histogram with {@link #LATENCY_BUCKETS} and no client-side percentiles. */
    Timer latency(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .publishPercentileHistogram(false)
                .register(registry);
    }

    Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A distribution summary rendered as a Prometheus histogram with {@link #BATCH_BUCKETS}. */
    DistributionSummary batchSize(String name, String description, String... tags) {
        return DistributionSummary.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(BATCH_BUCKETS)
                .publishPercentileHistogram(false)
                .register(registry);
    }

    GaugeFamily gauges(String name, String description, String labelName) {
        return new GaugeFamily(registry, name, description, label(labelName));
    }

    <M> MetersByLabel<M> byLabel(String labelName, Function<String, M> create) {
        return new MetersByLabel<>(label(labelName), create);
    }
}
