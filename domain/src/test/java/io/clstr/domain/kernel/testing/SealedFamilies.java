package io.clstr.domain.kernel.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the concrete members of a sealed family, for exhaustiveness tests. */
public final class SealedFamilies {

    private SealedFamilies() {
    }

    /** Every concrete (non-sealed-interface) type reachable through {@code permits}, depth first. */
    public static List<Class<?>> leavesOf(Class<?> root) {
        if (!root.isSealed()) {
            throw new IllegalArgumentException(root.getName() + " is not sealed");
        }
        List<Class<?>> leaves = new ArrayList<>();
        collect(root, leaves);
        return leaves;
    }

    /**
     * Fails unless {@code samples} hold an instance of every leaf of {@code root} and nothing else. Tests
     * that run every sample through {@code decide}, {@code evolve} or a codec call this first, so adding a
     * member to the family without a sample fails them instead of silently leaving the member untested.
     */
    public static void assertSamplesCoverEveryLeaf(Class<?> root, Collection<?> samples) {
        List<Class<?>> leaves = leavesOf(root);
        Set<Class<?>> sampled = new LinkedHashSet<>();
        for (Object sample : samples) {
            if (sample == null) {
                throw new AssertionError("samples of " + root.getName() + " contain null");
            }
            sampled.add(sample.getClass());
        }
        Set<Class<?>> missing = new LinkedHashSet<>(leaves);
        missing.removeAll(sampled);
        Set<Class<?>> foreign = new LinkedHashSet<>(sampled);
        leaves.forEach(foreign::remove);
        if (!missing.isEmpty() || !foreign.isEmpty()) {
            throw new AssertionError("samples of " + root.getName() + " must cover exactly its leaves"
                    + (missing.isEmpty() ? "" : "\n missing a sample of " + names(missing))
                    + (foreign.isEmpty() ? "" : "\n not leaves of the family: " + names(foreign)));
        }
    }

    private static List<String> names(Set<Class<?>> types) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : types) {
            names.add(type.getName());
        }
        return names;
    }

    private static void collect(Class<?> type, List<Class<?>> leaves) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, leaves);
            }
        } else {
            leaves.add(type);
        }
    }
}
