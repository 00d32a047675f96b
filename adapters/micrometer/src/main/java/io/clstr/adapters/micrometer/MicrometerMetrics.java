package io.clstr.adapters.micrometer;

import io.clstr.ports.out.metrics.ActorMetrics;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.metrics.HttpMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metrics ports on one Micrometer registry, with the names listed in {@link MetricNames}.
 *
 * <p>Calls are cheap after the first for a label value: meters are cached per value, durations are recorded
 * as primitive nanoseconds. Every label is bounded: each label name ({@code message_type}, {@code uri},
 * ...) admits at most {@code maxValuesPerLabel} distinct values across all families; later values are
 * counted under {@code other}, and gauges for them are not registered. Registering a gauge again for the
 * same label value replaces its supplier. Build one instance per registry: the caches live here.
 */
public final class MicrometerMetrics {

    /** Distinct values a label admits unless told otherwise. */
    public static final int DEFAULT_MAX_VALUES_PER_LABEL = 1000;

    private final EventSourcingMetrics eventSourcing;
    private final ActorMetrics actors;
    private final ClusterMetrics cluster;
    private final HttpMetrics http;

    public MicrometerMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_VALUES_PER_LABEL);
    }

    public MicrometerMetrics(MeterRegistry registry, int maxValuesPerLabel) {
        MeterFactory meters = new MeterFactory(registry, maxValuesPerLabel);
        this.eventSourcing = new MicrometerEventSourcingMetrics(meters);
        this.actors = new MicrometerActorMetrics(meters);
        this.cluster = new MicrometerClusterMetrics(meters);
        this.http = new MicrometerHttpMetrics(meters);
    }

    public EventSourcingMetrics eventSourcing() {
        return eventSourcing;
    }

    public ActorMetrics actors() {
        return actors;
    }

    public ClusterMetrics cluster() {
        return cluster;
    }

    public HttpMetrics http() {
        return http;
    }
}
