package io.clstr.adapters.jackson;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clstr.adapters.jackson.internal.DecimalStringDeserializer;
import io.clstr.adapters.jackson.internal.IsoTimeStringsOnly;
import java.math.BigDecimal;

/**
 * The one {@link JsonMapper} configuration for stored data (events, snapshots, messages).
 *
 * <p>Stored JSON is a contract that outlives the code, so the format is explicit and reading is strict:
 * <ul>
 *   <li>A value is exactly its record components: derived {@code getX()}/{@code isX()} methods are never
 *       written, and values are always built through their constructors (which keep their invariants).</li>
 *   <li>{@link BigDecimal} is a JSON string written with {@link BigDecimal#toString()} (exact value and
 *       scale, possibly in exponent form such as {@code "1E+3"}) and is read from a string only: a JSON
 *       number is rejected, because money must never pass through floating point anywhere.</li>
 *   <li>{@code java.time} values are ISO-8601 strings, written and read; numeric timestamps are rejected.
 *       Offsets and zone ids are kept, so values round-trip equal.</li>
 *   <li>No type information and no class names in JSON: the stored type name travels beside the data.</li>
 *   <li>Unknown properties, missing record components, nulls for primitives, trailing content, numbers
 *       for enums and scalar coercions ({@code "5"} for an {@code int}, {@code 5} for a string,
 *       {@code 5.0} for an {@code int}) all fail. Every component is written, nulls included, so a
 *       missing one always means the data does not fit; an explicit null reaches the constructor, which
 *       rejects it if the component is required.</li>
 *   <li>Characters outside the BMP are written as plain UTF-8, not as escaped surrogate pairs.</li>
 * </ul>
 * Domain classes carry no Jackson annotations; everything is configured here. To add a module, call
 * {@link JsonMapper#rebuild()} on the returned mapper.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /** A new mapper configured for stored data. Share it: mappers are thread-safe once built. */
    public static JsonMapper storage() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(storageModule())
                // Exactly the record components: fields, never getter-like methods.
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                // Records' canonical constructors; stated because some Jackson versions hid them under ALL=NONE.
                .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .disable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                // Field-less records (such as a "cancelled" event) are written as {}.
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private static SimpleModule storageModule() {
        SimpleModule module = new SimpleModule("clstr-storage");
        module.addSerializer(BigDecimal.class, ToStringSerializer.instance);
        module.addDeserializer(BigDecimal.class, new DecimalStringDeserializer());
        module.setDeserializerModifier(new IsoTimeStringsOnly());
        return module;
    }
}
