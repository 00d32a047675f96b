package io.clstr.domain.kernel.testing;

import io.clstr.domain.kernel.Aggregate;
import io.clstr.domain.kernel.Decision;
import io.clstr.domain.kernel.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Given/when/then tests for an {@link Aggregate}, without any framework.
 *
 * <pre>{@code
 * AggregateScenario.of(new CounterAggregate(), "c-1")
 *     .given(new Incremented(2))
 *     .when(new Increment(3))
 *     .thenEmits(new Incremented(3))
 *     .thenState(counter -> assertEquals(5, counter.value()));
 * }</pre>
 *
 * Failures are {@link AssertionError}s whose message shows what was expected and what happened.
 */
public final class AggregateScenario<C, E, S> {

    private final Aggregate<C, E, S> aggregate;
    private final String id;
    private final List<E> history = new ArrayList<>();

    private AggregateScenario(Aggregate<C, E, S> aggregate, String id) {
        this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
        this.id = Objects.requireNonNull(id, "id");
    }

    public static <C, E, S> AggregateScenario<C, E, S> of(Aggregate<C, E, S> aggregate, String id) {
        return new AggregateScenario<>(aggregate, id);
    }

    /** Events that already happened to the aggregate. */
    @SafeVarargs
    public final AggregateScenario<C, E, S> given(E... events) {
        history.addAll(Arrays.asList(events));
        return this;
    }

    /** Events that already happened to the aggregate. */
    public AggregateScenario<C, E, S> given(List<? extends E> events) {
        history.addAll(events);
        return this;
    }

    /** Runs the decider on the state built from the given events. */
    public Outcome<C, E, S> when(C command) {
        S state = aggregate.replay(aggregate.initialState(id), history);
        Decision<E> decision = aggregate.decide(command, state);
        return new Outcome<>(aggregate, command, state, decision);
    }

    /** The state built from the given events alone. */
    public S state() {
        return aggregate.replay(aggregate.initialState(id), history);
    }

    /** What {@code when} produced, with the assertions to check it. */
    public static final class Outcome<C, E, S> {
        private final Aggregate<C, E, S> aggregate;
        private final C command;
        private final S before;
        private final Decision<E> decision;

        private Outcome(Aggregate<C, E, S> aggregate, C command, S before, Decision<E> decision) {
            this.aggregate = aggregate;
            this.command = command;
            this.before = before;
            this.decision = Objects.requireNonNull(decision, "decide returned null for " + command);
        }

        /** The command was accepted and caused exactly these events, in this order. */
        @SafeVarargs
        public final Outcome<C, E, S> thenEmits(E... expected) {
            List<E> actual = acceptedEvents();
            if (!actual.equals(Arrays.asList(expected))) {
                throw new AssertionError("command " + command + "\n expected events " + Arrays.asList(expected)
                        + "\n but got         " + actual);
            }
            return this;
        }

        /** The command was accepted and changed nothing. */
        public Outcome<C, E, S> thenEmitsNothing() {
            List<E> actual = acceptedEvents();
            if (!actual.isEmpty()) {
                throw new AssertionError("command " + command + " should change nothing but emitted " + actual);
            }
            return this;
        }

        /** The command was rejected with this code. */
        public Outcome<C, E, S> thenRejects(String code) {
            if (!(decision instanceof Decision.Rejected<E> rejected)) {
                throw new AssertionError("command " + command + " should be rejected with " + code
                        + " but was accepted with " + ((Decision.Accepted<E>) decision).events());
            }
            Rejection rejection = rejected.rejection();
            if (!rejection.code().equals(code)) {
                throw new AssertionError("command " + command + " should be rejected with " + code
                        + " but was rejected with " + rejection.code() + ": " + rejection.message());
            }
            return this;
        }

        /** Checks the state after the accepted events were applied. */
        public Outcome<C, E, S> thenState(Consumer<? super S> check) {
            check.accept(aggregate.replay(before, acceptedEvents()));
            return this;
        }

        /** The state after the accepted events were applied. */
        public S state() {
            return aggregate.replay(before, acceptedEvents());
        }

        public Decision<E> decision() {
            return decision;
        }

        private List<E> acceptedEvents() {
            if (decision instanceof Decision.Accepted<E> accepted) {
                return accepted.events();
            }
            Rejection rejection = ((Decision.Rejected<E>) decision).rejection();
            throw new AssertionError("command " + command + " was rejected with " + rejection.code() + ": "
                    + rejection.message());
        }
    }
}
