package io.clstr.adapters.nats.internal;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.StreamId;
import java.util.HashSet;
import java.util.Set;

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
     * The server-side filter for a feed filter. 2.9 takes one filter subject per consumer, so a filter of
     * several types reads everything and {@link #clientSideTypes} picks.
     */
    public String serverFilter(EventFilter filter) {
        return filter.aggregateTypes().size() == 1 ? ofType(filter.aggregateTypes().iterator().next()) : all();
    }

    /** The type names the client must check itself, or {@code null} when the server filter is exact. */
    public Set<String> clientSideTypes(EventFilter filter) {
        if (filter.aggregateTypes().size() <= 1) {
            return null;
        }
        Set<String> names = new HashSet<>();
        filter.aggregateTypes().forEach(type -> names.add(type.name()));
        return names;
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
