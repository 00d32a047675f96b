/** The event store port: atomic, conflict-checked appends; stream reads; the global feed. */
package io.clstr.ports.out.eventstore;
