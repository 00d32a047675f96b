package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.AggregateType;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps a read model up to date from the global event feed. A {@link ProjectionRunner} feeds it one commit
 * at a time, in position order, from one thread at a time.
 *
 * <p>Delivery is at least once: after a crash or a retry, commits since the last saved checkpoint are
 * delivered again. {@link #apply} must therefore be idempotent, which {@link KeyValueReadModel} gives a
 * read model with one entry per stream: each entry records the stream version it has applied, in the same
 * write as its data, so an event at or below that version changes nothing. A projection that folds many
 * streams into one entry must keep the position it applied inside that entry instead.
 */
public interface Projection {

    /** The shape of a projection name: it becomes a key segment and a metric label. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /**
     * The stable name of this projection: its checkpoint, parked commits and metrics are filed under it, so a
     * new name starts from zero. Lower-case letters, digits and dashes, starting with a letter.
     */
    String name();

    /** The aggregate types whose commits it reads; empty for all. */
    Set<AggregateType> aggregateTypes();

    /**
     * Applies one commit (the events of one append, decoded). An exception means "not applied": the runner
     * retries with backoff, then stops or parks the commit according to its {@link ProjectionFailurePolicy}.
     */
    void apply(ProjectionCommit commit);

    /** Forgets everything this projection built, before a rebuild replays the feed from the start. */
    void reset();

    /** {@code name}, if it is a valid projection name. */
    static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("projection name must match " + NAME.pattern() + ", got '" + name + "'");
        }
        return name;
    }
}
