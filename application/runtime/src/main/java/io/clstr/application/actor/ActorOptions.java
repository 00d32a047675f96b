package io.clstr.application.actor;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an actor runs: its group (the bounded metrics label for a kind of actor, such as
 * {@code entity-order}; never a per-actor id), its mailbox capacity, how many messages it handles
 * before yielding its thread, and its supervision strategy.
 */
public record ActorOptions(String group, int mailboxCapacity, int throughput, SupervisionStrategy supervision) {

    public static final String DEFAULT_GROUP = "actor";
    public static final int DEFAULT_MAILBOX_CAPACITY = 1024;
    public static final int DEFAULT_THROUGHPUT = 64;

    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final ActorOptions DEFAULTS = new ActorOptions(
            DEFAULT_GROUP, DEFAULT_MAILBOX_CAPACITY, DEFAULT_THROUGHPUT, SupervisionStrategy.resume());

    public ActorOptions {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(supervision, "supervision");
        if (!GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("group must match [a-z][a-z0-9-]{0,63}, got '" + group + "'");
        }
        if (mailboxCapacity < 1) {
            throw new IllegalArgumentException("mailboxCapacity must be positive, got " + mailboxCapacity);
        }
        if (throughput < 1) {
            throw new IllegalArgumentException("throughput must be positive, got " + throughput);
        }
    }

    /** Group {@value #DEFAULT_GROUP}, capacity 1024, throughput 64, resume on failure. */
    public static ActorOptions defaults() {
        return DEFAULTS;
    }

    public ActorOptions withGroup(String group) {
        return new ActorOptions(group, mailboxCapacity, throughput, supervision);
    }

    public ActorOptions withMailboxCapacity(int mailboxCapacity) {
        return new ActorOptions(group, mailboxCapacity, throughput, supervision);
    }

    public ActorOptions withThroughput(int throughput) {
        return new ActorOptions(group, mailboxCapacity, throughput, supervision);
    }

    public ActorOptions withSupervision(SupervisionStrategy supervision) {
        return new ActorOptions(group, mailboxCapacity, throughput, supervision);
    }
}
