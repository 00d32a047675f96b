package io.clstr.adapters.jackson.internal;

import com.fasterxml.jackson.databind.ObjectReader;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.codec.Upcaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an old stored type: parses it to a field tree, runs the upcaster chain up to the current type and
 * binds the result like current data. Old data is read rarely (replays of old streams), so building a
 * tree here is fine.
 *
 * <p>Upcasters receive the tree as Jackson parses it: {@code LinkedHashMap}s and {@code ArrayList}s they
 * may change in place or replace, strings, booleans, nulls, and JSON numbers as {@code Integer},
 * {@code Long}, {@code BigInteger} or {@code Double} (decimals this codec wrote are strings). They may put
 * any value the storage mapper can write, such as a {@code BigDecimal}, an {@code Instant} or a list.
 */
public final class UpcastingDecoder implements StoredTypeDecoder {

    private final String type;
    private final List<Upcaster> chain;
    private final ObjectReader fieldsReader;
    private final CurrentTypeDecoder target;

    /**
     * @param chain        the upcasters from {@code type} to {@code target}'s type, in order (see {@link #chain})
     * @param fieldsReader reads JSON into a {@code Map<String, Object>}
     */
    public UpcastingDecoder(String type, List<Upcaster> chain, ObjectReader fieldsReader, CurrentTypeDecoder target) {
        this.type = type;
        this.chain = List.copyOf(chain);
        this.fieldsReader = fieldsReader;
        this.target = target;
    }

    /**
     * The upcasters that lead from the old {@code type} to a current type, in order.
     *
     * @throws IllegalArgumentException if the chain loops or ends at a name that is neither current nor
     *                                  upcast further; such a catalog can never read that data
     */
    public static List<Upcaster> chain(String type, TypeCatalog catalog) {
        if (catalog.typeOf(type).isPresent()) {
            throw new IllegalArgumentException("'" + type + "' is a registered type, so it cannot be upcast");
        }
        List<Upcaster> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String name = type;
        while (catalog.typeOf(name).isEmpty()) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("upcasters loop: " + String.join(" -> ", seen) + " -> " + name);
            }
            Optional<Upcaster> step = catalog.upcasterFrom(name);
            if (step.isEmpty()) {
                throw new IllegalArgumentException("upcasters from '" + type + "' end at '" + name
                        + "', which is neither a registered type nor upcast further");
            }
            chain.add(step.get());
            name = step.get().toType();
        }
        return chain;
    }

    @Override
    public Object decode(byte[] data) {
        Map<String, Object> fields;
        try {
            fields = fieldsReader.readValue(data);
        } catch (IOException e) {
            throw CodecFailures.decoding("'" + type + "'", e);
        }
        if (fields == null) {
            throw new CodecException("cannot decode '" + type + "': the stored value is JSON null");
        }
        for (Upcaster step : chain) {
            try {
                fields = step.upcast(fields);
            } catch (RuntimeException e) {
                throw new CodecException("cannot decode '" + type + "': upcasting '" + step.fromType() + "' to '"
                        + step.toType() + "' failed (" + e.getClass().getSimpleName() + ")", e);
            }
            if (fields == null) {
                throw new CodecException("cannot decode '" + type + "': upcasting '" + step.fromType() + "' to '"
                        + step.toType() + "' returned no fields");
            }
        }
        return target.decodeFields(type, fields);
    }
}
