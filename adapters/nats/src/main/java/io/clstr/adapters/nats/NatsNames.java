package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.EventSubjects;
import io.clstr.adapters.nats.internal.TokenCodec;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.StreamId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every JetStream stream, subject, bucket and consumer name the NATS adapters use, derived from one prefix
 * (default {@code clstr}), in one place to review.
 *
 * <pre>
 * event stream      CLSTR_EVENTS, subjects clstr.events.&gt;
 * aggregate subject clstr.events.&lt;type&gt;.&lt;encoded id&gt;     (one subject per aggregate)
 * type filter       clstr.events.&lt;type&gt;.&gt;
 * snapshot bucket   clstr-snapshots
 * other buckets     clstr-&lt;name&gt;                         (KV stream KV_clstr-&lt;name&gt;)
 * read consumers    clstr-read-&lt;unique&gt;                   (ephemeral; deleted after each read)
 * </pre>
 *
 * Ids become a single subject token through a reversible encoding ({@link TokenCodec}), so an id can
 * never add tokens to a subject or collide with another id. The token after the prefix is {@code events}:
 * other subjects under the same prefix (the cluster's {@code <prefix>.<cluster>.shard.<n>}) must not use a
 * cluster named {@code events}, or the event stream would capture them.
 */
public final class NatsNames {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final String prefix;
    private final EventSubjects eventSubjects;

    private NatsNames(String prefix) {
        this.prefix = prefix;
        this.eventSubjects = new EventSubjects(prefix + ".events");
    }

    /** Names under {@code prefix}: lower-case letters, digits and dashes, starting with a letter. */
    public static NatsNames withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("NATS name prefix must match " + PREFIX + ", got '" + prefix + "'");
        }
        return new NatsNames(prefix);
    }

    public static NatsNames defaults() {
        return withPrefix("clstr");
    }

    public String prefix() {
        return prefix;
    }

    /** The JetStream stream that holds every aggregate's events. */
    public String eventStream() {
        return prefix.toUpperCase(Locale.ROOT).replace('-', '_') + "_EVENTS";
    }

    /** The subjects of the event stream. */
    public String eventStreamSubjects() {
        return eventSubjects.all();
    }

    /** The subject of one aggregate's events. */
    public String eventSubject(StreamId stream) {
        return eventSubjects.of(stream);
    }

    /** The filter subject that matches every aggregate of one type. */
    public String eventTypeFilter(AggregateType type) {
        return eventSubjects.ofType(type);
    }

    /** The stream id of an event subject; fails on subjects this class did not make. */
    public StreamId streamIdOf(String subject) {
        return eventSubjects.streamIdOf(subject);
    }

    /** Builds and parses event subjects (for the adapters). */
    EventSubjects eventSubjects() {
        return eventSubjects;
    }

    /** The KV bucket of aggregate snapshots. */
    public String snapshotBucket() {
        return bucket("snapshots");
    }

    /** A KV bucket of this prefix, such as {@code clstr-members}. */
    public String bucket(String name) {
        Objects.requireNonNull(name, "name");
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bucket name must match " + BUCKET_NAME + ", got '" + name + "'");
        }
        return prefix + "-" + name;
    }

    /** The start of every ephemeral read consumer's name, so operators can tell them apart. */
    public String readConsumerPrefix() {
        return prefix + "-read-";
    }

    @Override
    public String toString() {
        return "NatsNames[" + prefix + "]";
    }
}
