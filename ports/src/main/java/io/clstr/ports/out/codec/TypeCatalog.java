package io.clstr.ports.out.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable stored names of the types a codec may write and read, and the upcasters that bring
 * old names up to date. Names are explicit and versioned ({@code order.placed.v1}); class names
 * never reach storage, so classes can be renamed freely.
 *
 * <p>Immutable: {@link #with} and {@link #withUpcaster} return a new catalog.
 */
public record TypeCatalog(Map<String, Class<?>> types, Map<Class<?>, String> names, Map<String, Upcaster> upcasters) {

    public TypeCatalog {
        types = Map.copyOf(types);
        names = Map.copyOf(names);
        upcasters = Map.copyOf(upcasters);
    }

    public static TypeCatalog empty() {
        return new TypeCatalog(Map.of(), Map.of(), Map.of());
    }

    /** Registers a type under its stored name. A name or a type may be registered only once. */
    public TypeCatalog with(String name, Class<?> type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("stored type name must not be blank");
        }
        if (types.containsKey(name) || upcasters.containsKey(name)) {
            throw new IllegalArgumentException("stored type name registered twice: " + name);
        }
        if (names.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + " is already registered as " + names.get(type));
        }
        Map<String, Class<?>> newTypes = new HashMap<>(types);
        newTypes.put(name, type);
        Map<Class<?>, String> newNames = new HashMap<>(names);
        newNames.put(type, name);
        return new TypeCatalog(newTypes, newNames, upcasters);
    }

    /** Registers an upcaster from an old stored name (which must not also be a current type). */
    public TypeCatalog withUpcaster(Upcaster upcaster) {
        if (types.containsKey(upcaster.fromType()) || upcasters.containsKey(upcaster.fromType())) {
            throw new IllegalArgumentException("stored type name registered twice: " + upcaster.fromType());
        }
        Map<String, Upcaster> newUpcasters = new HashMap<>(upcasters);
        newUpcasters.put(upcaster.fromType(), upcaster);
        return new TypeCatalog(types, names, newUpcasters);
    }

    /** Both catalogs' registrations; fails if they overlap. */
    public TypeCatalog merge(TypeCatalog other) {
        TypeCatalog merged = this;
        for (Map.Entry<String, Class<?>> entry : other.types.entrySet()) {
            merged = merged.with(entry.getKey(), entry.getValue());
        }
        for (Upcaster upcaster : other.upcasters.values()) {
            merged = merged.withUpcaster(upcaster);
        }
        return merged;
    }

    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(names.get(type));
    }

    public Optional<Class<?>> typeOf(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Optional<Upcaster> upcasterFrom(String name) {
        return Optional.ofNullable(upcasters.get(name));
    }
}
