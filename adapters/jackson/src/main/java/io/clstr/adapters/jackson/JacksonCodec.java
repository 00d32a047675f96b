package io.clstr.adapters.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.clstr.adapters.jackson.internal.CodecFailures;
import io.clstr.adapters.jackson.internal.CurrentTypeDecoder;
import io.clstr.adapters.jackson.internal.StoredTypeDecoder;
import io.clstr.adapters.jackson.internal.UpcastingDecoder;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.codec.UnknownTypeException;
import io.clstr.ports.out.codec.Upcaster;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Codec} over JSON (UTF-8), by the names of a {@link TypeCatalog}.
 *
 * <p>Everything per type is prepared once, at construction: a reader and a writer for every registered
 * class, and the upcaster chain of every old name. A catalog that can never work, such as one naming an
 * interface or with upcasters that loop or lead nowhere, fails here rather than on the first old event.
 *
 * <p>Failures never quote the data: {@link io.clstr.ports.out.codec.CodecException} messages name the
 * stored type, the field path and what was wrong, because stored values may hold personal data.
 *
 * <p>Thread-safe and immutable.
 */
public final class JacksonCodec implements Codec {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final TypeCatalog catalog;
    private final Map<Class<?>, Encoding> encodings;
    private final Map<String, StoredTypeDecoder> decoders;

    /** A codec over {@link JsonMappers#storage()}. */
    public JacksonCodec(TypeCatalog catalog) {
        this(catalog, JsonMappers.storage());
    }

    /**
     * A codec over a mapper of the caller's; it should start from {@link JsonMappers#storage()}, whose rules
     * the stored format relies on.
     */
    public JacksonCodec(TypeCatalog catalog, ObjectMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(mapper, "mapper");
        ObjectWriter fieldsWriter = mapper.writer();
        Map<Class<?>, Encoding> encodings = new HashMap<>();
        Map<String, CurrentTypeDecoder> current = new HashMap<>();
        catalog.types().forEach((name, type) -> {
            requireConcrete(name, type);
            encodings.put(type, new Encoding(name, mapper.writerFor(type)));
            current.put(name, new CurrentTypeDecoder(name, mapper.readerFor(type), fieldsWriter));
        });
        Map<String, StoredTypeDecoder> decoders = new HashMap<>(current);
        ObjectReader fieldsReader = mapper.readerFor(FIELDS);
        for (String oldName : catalog.upcasters().keySet()) {
            List<Upcaster> chain = UpcastingDecoder.chain(oldName, catalog);
            CurrentTypeDecoder target = current.get(chain.get(chain.size() - 1).toType());
            decoders.put(oldName, new UpcastingDecoder(oldName, chain, fieldsReader, target));
        }
        this.encodings = Map.copyOf(encodings);
        this.decoders = Map.copyOf(decoders);
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnknownTypeException if the value's class is not registered (subclasses are not
     *                              registered by their parents)
     */
    @Override
    public Encoded encode(Object value) {
        Objects.requireNonNull(value, "value");
        Encoding encoding = encodings.get(value.getClass());
        if (encoding == null) {
            throw new UnknownTypeException(value.getClass().getName());
        }
        try {
            return new Encoded(encoding.type, encoding.writer.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw CodecFailures.encoding(value.getClass(), "'" + encoding.type + "'", e);
        }
    }

    @Override
    public Object decode(String type, byte[] data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        StoredTypeDecoder decoder = decoders.get(type);
        if (decoder == null) {
            throw new UnknownTypeException(type);
        }
        return decoder.decode(data);
    }

    @Override
    public TypeCatalog catalog() {
        return catalog;
    }

    private static void requireConcrete(String name, Class<?> type) {
        boolean abstractClass = Modifier.isAbstract(type.getModifiers()) && !type.isEnum() && !type.isArray();
        if (type.isInterface() || abstractClass) {
            throw new IllegalArgumentException("stored type '" + name + "' is " + type.getName()
                    + ", which JSON without type information cannot be read into: register its concrete types");
        }
    }

    private record Encoding(String type, ObjectWriter writer) {
    }
}
