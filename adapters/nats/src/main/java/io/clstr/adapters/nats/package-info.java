/**
 * NATS JetStream adapters (server 2.9 compatible): the event store, key-value store, snapshot store and message
 * transport, all sharing one {@link io.clstr.adapters.nats.NatsClient} connection. Every stream, subject and
 * bucket name comes from {@link io.clstr.adapters.nats.NatsNames}.
 */
package io.clstr.adapters.nats;
