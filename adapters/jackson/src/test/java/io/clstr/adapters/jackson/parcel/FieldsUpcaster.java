package io.clstr.adapters.jackson.parcel;

import io.clstr.ports.out.codec.Upcaster;
import java.util.Map;
import java.util.function.UnaryOperator;

/** An upcaster from a function over the fields, for tests. */
public record FieldsUpcaster(String fromType, String toType, UnaryOperator<Map<String, Object>> change)
        implements Upcaster {

    @Override
    public Map<String, Object> upcast(Map<String, Object> fields) {
        return change.apply(fields);
    }
}
