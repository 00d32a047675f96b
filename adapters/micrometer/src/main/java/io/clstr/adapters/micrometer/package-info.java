/**
 * The metrics ports on Micrometer, served in Prometheus format: {@link io.clstr.adapters.micrometer.PrometheusScrape}
 * for the application, {@link io.clstr.adapters.micrometer.MicrometerMetrics} for any registry, and
 * {@link io.clstr.adapters.micrometer.MetricNames} for the families emitted.
 */
package io.clstr.adapters.micrometer;
