package io.clstr.application.eventsourcing.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Which commands an entity takes now, which wait their turn, and which it refuses because it holds too many.
 *
 * <p>A command is held from its admission until the entity is done with it (answered, or handed to the outcome of
 * an earlier attempt): while it waits here, is decided, or is appended. A new command is refused once
 * {@code capacity} are held, so an entity never queues without bound. While the entity is not ready (recovering,
 * or catching up after a failed append) commands and reads wait here in arrival order, and a command that arrives
 * when the entity is ready still waits behind them. Reads are not counted: they hold no batch and no append.
 * Confined to the entity's thread.
 *
 * @param <C> a command
 * @param <R> a read of the state
 */
final class Admission<C, R> {

    /** What becomes of an arriving command. */
    enum Verdict {
        /** Held; the entity decides it now. */
        NOW,
        /** Held; it waits for {@link #drain}. */
        QUEUED,
        /** Not held: the entity holds {@code capacity} commands already. */
        OVERLOADED
    }

    /** Work waiting its turn: a command or a read, each handed to its own handler. */
    private sealed interface Waiting<C, R> {
        void handTo(Consumer<? super C> commands, Consumer<? super R> reads);
    }

    private record Command<C, R>(C command) implements Waiting<C, R> {
        @Override
        public void handTo(Consumer<? super C> commands, Consumer<? super R> reads) {
            commands.accept(command);
        }
    }

    private record Read<C, R>(R read) implements Waiting<C, R> {
        @Override
        public void handTo(Consumer<? super C> commands, Consumer<? super R> reads) {
            reads.accept(read);
        }
    }

    private final int capacity;
    /** Starts small: commands wait only while the entity recovers or is busy. */
    private final ArrayDeque<Waiting<C, R>> waiting = new ArrayDeque<>(1);
    private int held;

    /** @param capacity commands held at most */
    Admission(int capacity) {
        this.capacity = capacity;
    }

    /** Admits a command now, queues it, or refuses it; {@code ready} says whether the entity can decide now. */
    Verdict admit(C command, boolean ready) {
        if (held >= capacity) {
            return Verdict.OVERLOADED;
        }
        held++;
        if (ready && waiting.isEmpty()) {
            return Verdict.NOW;
        }
        waiting.add(new Command<>(command));
        return Verdict.QUEUED;
    }

    /** Queues a read for when the entity is ready, behind the work that arrived before it. */
    void queueRead(R read) {
        waiting.add(new Read<>(read));
    }

    /** Puts a held command back at the front, to be decided again before anything that waits. */
    void retryFirst(C command) {
        waiting.addFirst(new Command<>(command));
    }

    /** The entity is done with a held command. */
    void release() {
        held--;
    }

    /**
     * Hands every waiting command and read over, in arrival order. Each leaves the queue once handled, so one
     * whose handler throws still waits, for {@link #clear} to fail it.
     */
    void drain(Consumer<? super C> decide, Consumer<? super R> answer) {
        while (!waiting.isEmpty()) {
            waiting.peek().handTo(decide, answer);
            waiting.poll();
        }
    }

    /** Hands every waiting command and read over to be failed, empties the queue and releases every command. */
    void clear(Consumer<? super C> failCommand, Consumer<? super R> failRead) {
        for (Waiting<C, R> work : waiting) {
            work.handTo(failCommand, failRead);
        }
        waiting.clear();
        held = 0;
    }

    boolean nothingWaiting() {
        return waiting.isEmpty();
    }
}
