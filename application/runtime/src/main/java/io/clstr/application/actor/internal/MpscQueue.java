package io.clstr.application.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An unbounded multi-producer, single-consumer linked queue (Vyukov's design).
 *
 * <p>{@link #offer} is wait-free: one atomic exchange and one store. Only the thread that currently
 * owns the consumer side may call {@link #poll} or {@link #isEmpty}. Bounding is the caller's job
 * (the mailbox reserves a slot before it offers).
 *
 * <p>Between a producer's exchange and its link a consumer may briefly see the queue as empty; every
 * caller here re-checks for work after linking, so that window never loses a wake-up.
 */
final class MpscQueue<E> {

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(MpscQueue.class, "tail", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node<E> {
        E value;
        volatile Node<E> next;

        Node(E value) {
            this.value = value;
        }
    }

    private Node<E> head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node<E> tail;

    MpscQueue() {
        Node<E> stub = new Node<>(null);
        head = stub;
        tail = stub;
    }

    /** Appends an element; safe from any thread. */
    @SuppressWarnings("unchecked")
    void offer(E element) {
        Node<E> node = new Node<>(element);
        Node<E> previous = (Node<E>) TAIL.getAndSet(this, node);
        previous.next = node;
    }

    /** Removes the oldest linked element, or returns null; consumer only. */
    E poll() {
        Node<E> next = head.next;
        if (next == null) {
            return null;
        }
        E value = next.value;
        next.value = null;
        head = next;
        return value;
    }

    /**
     * Whether no element is linked yet. Consumer only, but a stale read is harmless: an old head
     * always has a successor, so a stale view can only report "not empty".
     */
    boolean isEmpty() {
        return head.next == null;
    }
}
