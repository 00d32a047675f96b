package io.clstr.ports.out.eventstore;

/**
 * An append found a different stream version than it expected: another writer got there first.
 * Nothing of the append was stored. Reload the stream and decide again.
 */
public class ConcurrencyConflictException extends EventStoreException {

    private static final long serialVersionUID = 1L;

    private final transient StreamId stream;
    private final transient ExpectedVersion expected;

    public ConcurrencyConflictException(StreamId stream, ExpectedVersion expected, String detail) {
        super("concurrency conflict on " + stream + ": expected " + describe(expected) + ", " + detail);
        this.stream = stream;
        this.expected = expected;
    }

    public StreamId stream() {
        return stream;
    }

    public ExpectedVersion expected() {
        return expected;
    }

    private static String describe(ExpectedVersion expected) {
        if (expected instanceof ExpectedVersion.Exactly exactly) {
            return exactly.version() == 0 ? "no stream" : "version " + exactly.version();
        }
        return "any version";
    }
}
