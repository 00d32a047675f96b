/**
 * How the actor runtime works inside: actor cells and their mailboxes, the MPSC queue, the timing
 * wheel, handler tables and per-key queues. Not an API: types here are public only so the
 * {@code actor} package can reach them, and may change at any time.
 */
package io.clstr.application.actor.internal;
