/**
 * The metrics ports: intention-revealing calls the runtime makes, with no-op defaults. The
 * Micrometer adapter maps them onto {@code clstr_*} meters.
 */
package io.clstr.ports.out.metrics;
