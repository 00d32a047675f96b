package io.clstr.ports.out.codec;

import java.util.Map;

/**
 * Turns a stored value of an old type version into the next version, on read. It works on the
 * value's fields as a plain tree (maps, lists, strings, numbers, booleans, nulls), so it stays
 * independent of the codec.
 */
public interface Upcaster {

    /** The old stored name, such as {@code order.cancelled.v1}. */
    String fromType();

    /** The name it becomes, such as {@code order.cancelled.v2}. */
    String toType();

    /** The fields of {@link #toType()} built from those of {@link #fromType()}. */
    Map<String, Object> upcast(Map<String, Object> fields);
}
