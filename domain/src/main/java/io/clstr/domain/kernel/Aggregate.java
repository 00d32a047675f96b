package io.clstr.domain.kernel;

/**
 * The definition of an event-sourced aggregate, written as a decider.
 *
 * <p>A definition is stateless and pure: it never reads a clock, makes ids, logs or does I/O. Time
 * and ids arrive inside commands. The runtime owns versions, storage and concurrency.
 *
 * @param <C> the sealed command family
 * @param <E> the sealed event family
 * @param <S> the state record
 */
public interface Aggregate<C, E, S> {

    /** The stable name of this kind of aggregate, used in stream names, shard keys and metrics. */
    AggregateType type();

    /** The state of an aggregate that has no events yet. */
    S initialState(String id);

    /** Accepts a command (the events it causes) or rejects it (a code and a message). */
    Decision<E> decide(C command, S state);

    /** Applies one event. Events are facts, so this never validates and never throws. */
    S evolve(S state, E event);

    /** The root of the command family; the runtime uses it to check what it is given. */
    Class<C> commandType();

    /** The root of the event family. */
    Class<E> eventType();

    /** The state type. */
    Class<S> stateType();

    /** Folds events onto a state, in order. */
    default S replay(S state, Iterable<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}
