package io.clstr.application.actor.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the handler for a message class. The first lookup of a class resolves it against the
 * registered types (the most specific registered supertype wins, so a handler for a whole sealed
 * family and handlers for some of its members can coexist; among unrelated matches the first
 * registered wins), then the result is cached, so later lookups are one hash-map read.
 */
public final class HandlerTable {

    /** A resolved lookup: the handler (null when unhandled) and the message type's metric label. */
    public static final class Entry {
        final ActorDefinition.Invoker invoker;
        final String typeName;

        Entry(ActorDefinition.Invoker invoker, String typeName) {
            this.invoker = invoker;
            this.typeName = typeName;
        }
    }

    private final Class<?>[] types;
    private final ActorDefinition.Invoker[] invokers;
    private final ActorDefinition.Invoker otherwise;
    private final ConcurrentHashMap<Class<?>, Entry> cache = new ConcurrentHashMap<>();

    /**
     * @param types     the registered message types, distinct, in registration order
     * @param invokers  their handlers, in the same order
     * @param otherwise the default handler, or null
     */
    public HandlerTable(List<Class<?>> types, List<ActorDefinition.Invoker> invokers,
            ActorDefinition.Invoker otherwise) {
        if (types.size() != invokers.size()) {
            throw new IllegalArgumentException("one handler per type");
        }
        this.types = types.toArray(new Class<?>[0]);
        this.invokers = invokers.toArray(new ActorDefinition.Invoker[0]);
        this.otherwise = otherwise;
    }

    Entry lookup(Class<?> messageClass) {
        Entry entry = cache.get(messageClass);
        return entry != null ? entry : resolve(messageClass);
    }

    private Entry resolve(Class<?> messageClass) {
        int best = -1;
        for (int i = 0; i < types.length; i++) {
            if (types[i].isAssignableFrom(messageClass)
                    && (best < 0 || types[best].isAssignableFrom(types[i]))) {
                best = i;
            }
        }
        Entry entry = new Entry(best >= 0 ? invokers[best] : otherwise, typeName(messageClass));
        Entry raced = cache.putIfAbsent(messageClass, entry);
        return raced != null ? raced : entry;
    }

    /** A readable, bounded label: {@code Outer.Inner} for nested records of a sealed family. */
    static String typeName(Class<?> type) {
        String simple = type.getSimpleName();
        if (simple.isEmpty()) {
            return type.getName();
        }
        Class<?> enclosing = type.isMemberClass() ? type.getEnclosingClass() : null;
        return enclosing != null ? typeName(enclosing) + "." + simple : simple;
    }
}
