package io.clstr.ports.in;

import java.util.List;
import java.util.Objects;

/**
 * The driving ports one process offers: the objects that implement its use cases and queries. A caller asks for
 * the port it needs by its interface; bounded contexts add theirs when the process starts, so nothing lists every
 * port by hand.
 */
public record UseCases(List<Object> implementations) {

    public UseCases {
        implementations = List.copyOf(implementations);
    }

    /**
     * The one implementation of {@code port}.
     *
     * @throws IllegalStateException if none or several implement it: a wiring mistake, found when the process starts
     */
    public <T> T get(Class<T> port) {
        Objects.requireNonNull(port, "port");
        List<Object> found = implementations.stream().filter(port::isInstance).toList();
        if (found.size() != 1) {
            throw new IllegalStateException((found.isEmpty() ? "nothing implements " : "several implement ")
                    + port.getName() + ": check which bounded contexts offer it");
        }
        return port.cast(found.get(0));
    }
}
