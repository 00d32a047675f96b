/**
 * The actor runtime: lightweight actors with bounded mailboxes on a shared executor, typed handlers,
 * ask with a mandatory timeout, supervision, timers through the mailbox, plus a per-key serial
 * executor and bounded background tasks. Start with {@link io.clstr.application.actor.ActorSystem}
 * and {@link io.clstr.application.actor.Behaviors}; {@code docs/runtime/actors.md} explains the model.
 */
package io.clstr.application.actor;
