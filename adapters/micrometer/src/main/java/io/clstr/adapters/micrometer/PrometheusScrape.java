package io.clstr.adapters.micrometer;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A Prometheus registry with the JVM and process metrics bound and the clstr ports on top: what
 * {@code GET /metrics} serves. It exposes plain strings, so the HTTP side needs no Micrometer types.
 */
public final class PrometheusScrape implements AutoCloseable {

    /**
     * The Prometheus text format 0.0.4, which every Prometheus version and most other scrapers read.
     * (OpenMetrics would add {@code _created} series and exemplars, which clstr does not use.)
     */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final MicrometerMetrics metrics;

    public PrometheusScrape() {
        this(MicrometerMetrics.DEFAULT_MAX_VALUES_PER_LABEL);
    }

    public PrometheusScrape(int maxValuesPerLabel) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new MicrometerMetrics(registry, maxValuesPerLabel);
        new JvmMemoryMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The ports, recording into this scrape's registry. */
    public MicrometerMetrics metrics() {
        return metrics;
    }

    /** Every metric, in {@link #contentType()}. */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    public String contentType() {
        return CONTENT_TYPE;
    }

    /** Stops listening for GC notifications and closes the registry. */
    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
