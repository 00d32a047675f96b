package io.clstr.domain.kernel.testing;

import java.util.ArrayList;
import java.util.List;

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
