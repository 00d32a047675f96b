package io.clstr.ports.out.eventstore;

/**
 * The stream version an append expects to find. A stream's version is the number of events in it
 * (0 = no stream). A mismatch fails the append with {@link ConcurrencyConflictException}.
 */
public sealed interface ExpectedVersion permits ExpectedVersion.Any, ExpectedVersion.Exactly {

    /** Append whatever the stream's version is. The store still numbers versions without gaps. */
    record Any() implements ExpectedVersion {
        @Override
        public boolean matches(long actual) {
            return true;
        }
    }

    /** Append only if the stream has exactly this many events. */
    record Exactly(long version) implements ExpectedVersion {
        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("expected version must be >= 0, got " + version);
            }
        }

        @Override
        public boolean matches(long actual) {
            return actual == version;
        }
    }

    boolean matches(long actual);

    static ExpectedVersion any() {
        return new Any();
    }

    /** The stream must not exist yet. */
    static ExpectedVersion noStream() {
        return new Exactly(0);
    }

    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }
}
