package io.clstr.application.actor;

import io.clstr.application.actor.internal.ActorDefinition;
import io.clstr.application.actor.internal.HandlerTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds {@link Behavior}s from typed handlers.
 *
 * <pre>{@code
 * Behavior<CounterCommand> counter = Behaviors.withState(CounterCommand.class, ctx -> new Tally())
 *         .on(Increment.class, (tally, ctx, msg) -> tally.add(msg.amount()))
 *         .on(Get.class, (tally, ctx, msg) -> tally.value())
 *         .build();
 * }</pre>
 *
 * <p>A handler's return value is the reply to an ask (ignored for a tell). To reply later, return a
 * {@code CompletionStage}: the ask completes when it does. A handler may be registered for any type of
 * the family, including a sealed sub-interface; the most specific registered type wins. A message no
 * handler matches goes to the {@code otherwise} handler, or fails its ask with
 * {@link UnhandledMessageException}.
 */
public final class Behaviors {

    private Behaviors() {
    }

    /** A behaviour without state of its own (or with state captured by its handlers). */
    public static <M> Builder<M, Void> receive(Class<M> protocol) {
        return new Builder<>(protocol, ctx -> null);
    }

    /**
     * A behaviour whose state is created by {@code stateFactory} when the actor starts and again on
     * every restart. Handlers get the state as their first argument.
     */
    public static <M, S> Builder<M, S> withState(Class<M> protocol, StateFactory<M, S> stateFactory) {
        return new Builder<>(protocol, Objects.requireNonNull(stateFactory, "stateFactory"));
    }

    /** A handler that needs only the context and the message. */
    @FunctionalInterface
    public interface Handler<M, T> {
        Object handle(ActorContext<M> context, T message) throws Exception;
    }

    /** A handler of a stateful behaviour. */
    @FunctionalInterface
    public interface StateHandler<M, S, T> {
        Object handle(S state, ActorContext<M> context, T message) throws Exception;
    }

    /** Creates an actor's state. */
    @FunctionalInterface
    public interface StateFactory<M, S> {
        S create(ActorContext<M> context) throws Exception;
    }

    /** A lifecycle hook; the state is null for behaviours without one. */
    @FunctionalInterface
    public interface Hook<M, S> {
        void run(S state, ActorContext<M> context) throws Exception;
    }

    /** Collects handlers; {@link #build()} freezes them into a behaviour. */
    public static final class Builder<M, S> {

        private final Class<M> protocol;
        private final StateFactory<M, S> stateFactory;
        private final Map<Class<?>, ActorDefinition.Invoker> handlers = new LinkedHashMap<>();
        private ActorDefinition.Invoker otherwise;
        private ActorDefinition.Hook postStop;
        private ActorDefinition.Hook preRestart;

        private Builder(Class<M> protocol, StateFactory<M, S> stateFactory) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.stateFactory = stateFactory;
        }

        /** Handles messages of {@code type} (and its subtypes) with the context and the message. */
        @SuppressWarnings("unchecked")
        public <T extends M> Builder<M, S> on(Class<T> type, Handler<M, ? super T> handler) {
            Objects.requireNonNull(handler, "handler");
            return register(type, (state, ctx, msg) -> handler.handle((ActorContext<M>) ctx, (T) msg));
        }

        /** Handles messages of {@code type} (and its subtypes) with the state, the context and the message. */
        @SuppressWarnings("unchecked")
        public <T extends M> Builder<M, S> on(Class<T> type, StateHandler<M, S, ? super T> handler) {
            Objects.requireNonNull(handler, "handler");
            return register(type, (state, ctx, msg) -> handler.handle((S) state, (ActorContext<M>) ctx, (T) msg));
        }

        /** Handles every message no typed handler matches. */
        @SuppressWarnings("unchecked")
        public Builder<M, S> otherwise(Handler<M, ? super M> handler) {
            Objects.requireNonNull(handler, "handler");
            otherwise = (state, ctx, msg) -> handler.handle((ActorContext<M>) ctx, (M) msg);
            return this;
        }

        /** Handles every message no typed handler matches, with the state. */
        @SuppressWarnings("unchecked")
        public Builder<M, S> otherwise(StateHandler<M, S, ? super M> handler) {
            Objects.requireNonNull(handler, "handler");
            otherwise = (state, ctx, msg) -> handler.handle((S) state, (ActorContext<M>) ctx, (M) msg);
            return this;
        }

        /** Runs when the actor stops, before its queued asks fail; timers are cancelled right after. */
        @SuppressWarnings("unchecked")
        public Builder<M, S> postStop(Hook<M, S> hook) {
            Objects.requireNonNull(hook, "hook");
            postStop = (state, ctx) -> hook.run((S) state, (ActorContext<M>) ctx);
            return this;
        }

        /** Runs with the failed state before a restart throws it away. */
        @SuppressWarnings("unchecked")
        public Builder<M, S> preRestart(Hook<M, S> hook) {
            Objects.requireNonNull(hook, "hook");
            preRestart = (state, ctx) -> hook.run((S) state, (ActorContext<M>) ctx);
            return this;
        }

        private Builder<M, S> register(Class<?> type, ActorDefinition.Invoker invoker) {
            Objects.requireNonNull(type, "type");
            if (!protocol.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a " + protocol.getName());
            }
            if (handlers.putIfAbsent(type, invoker) != null) {
                throw new IllegalArgumentException("a handler for " + type.getName() + " is already registered");
            }
            return this;
        }

        @SuppressWarnings("unchecked")
        public Behavior<M> build() {
            StateFactory<M, S> factory = stateFactory;
            HandlerTable table = new HandlerTable(
                    new ArrayList<>(handlers.keySet()), new ArrayList<>(handlers.values()), otherwise);
            return new Behavior<>(new ActorDefinition(
                    table, ctx -> factory.create((ActorContext<M>) ctx), postStop, preRestart));
        }
    }
}
