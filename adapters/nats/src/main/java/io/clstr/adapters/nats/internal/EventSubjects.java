package io.clstr.adapters.nats.internal;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.StreamId;

/** Builds and parses the subjects {@code <root>.<type>.<encoded id>} of the event stream. */
public final class EventSubjects {

    private final String root;

    public EventSubjects(String root) {
        this.root = root;
    }

    public String all() {
        return root + ".>";
    }

    public String of(StreamId stream) {
        return root + "." + stream.type().name() + "." + TokenCodec.encode(stream.id());
    }

    public String ofType(AggregateType type) {
        return root + "." + type.name() + ".>";
    }

    /**
     * Whether a feed message passes {@code filter}. Feed reads, and subscriptions while they catch up, ask the
     * server for the whole stream and pick here: nats-server 2.9 counts a wildcard-filtered consumer's pending
     * messages subject by subject from its start, which took seconds on a stream of 100,000 subjects (long enough for
     * a read to give up), while an unfiltered one starts in milliseconds. Subjects outside the event root (a stream
     * set up by hand may carry more) never pass.
     */
    public boolean passes(String subject, EventFilter filter) {
        if (!isUnderRoot(subject)) {
            return false;
        }
        if (filter.matchesAll()) {
            return true;
        }
        String type = typeOf(subject);
        for (AggregateType wanted : filter.aggregateTypes()) {
            if (wanted.name().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The aggregate type token of an event subject. */
    public String typeOf(String subject) {
        int typeStart = root.length() + 1;
        int typeEnd = subject.indexOf('.', typeStart);
        if (!isUnderRoot(subject) || typeEnd < 0) {
            throw new IllegalArgumentException("not an event subject under " + root + ": " + subject);
        }
        return subject.substring(typeStart, typeEnd);
    }

    /** The stream id of an event subject. */
    public StreamId streamIdOf(String subject) {
        String type = typeOf(subject);
        String token = subject.substring(root.length() + type.length() + 2);
        if (token.isEmpty() || token.indexOf('.') >= 0) {
            throw new IllegalArgumentException("not an event subject under " + root + ": " + subject);
        }
        return new StreamId(AggregateType.of(type), TokenCodec.decode(token));
    }

    private boolean isUnderRoot(String subject) {
        return subject.length() > root.length() + 1 && subject.startsWith(root) && subject.charAt(root.length()) == '.';
    }
}
