package io.clstr.adapters.micrometer;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The adapter on a fresh Prometheus registry that fails loudly on a meter it cannot register. */
final class MetricsFixture {

    final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
    final MicrometerMetrics metrics;

    MetricsFixture() {
        this(MicrometerMetrics.DEFAULT_MAX_VALUES_PER_LABEL);
    }

    MetricsFixture(int maxValuesPerLabel) {
        metrics = new MicrometerMetrics(registry, maxValuesPerLabel);
    }

    PrometheusText scrape() {
        return PrometheusText.parse(registry.scrape());
    }
}
