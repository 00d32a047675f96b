/**
 * In-memory adapters for every driven port: {@link io.clstr.adapters.memory.InMemoryEventStore},
 * {@link io.clstr.adapters.memory.InMemorySnapshotStore}, {@link io.clstr.adapters.memory.InMemoryKeyValueStore}
 * and {@link io.clstr.adapters.memory.InMemoryMessageTransport} (nodes joined by an
 * {@link io.clstr.adapters.memory.InMemoryNetwork}).
 *
 * <p>They are production code, not test doubles: thread-safe, fast, and held to the same port contracts as the
 * NATS adapters, so they serve as the embedded default and as the backend of multi-node tests. Everything is
 * lost with the process. Types other than those named above are implementation details (package-private).
 */
package io.clstr.adapters.memory;
