package io.clstr.adapters.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.clstr.ports.out.codec.CodecException;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a current stored type straight into its class with a reader built once: the hot path does no
 * reflection and builds no tree.
 */
public final class CurrentTypeDecoder implements StoredTypeDecoder {

    private final String type;
    private final ObjectReader reader;
    private final ObjectWriter fieldsWriter;

    /**
     * @param reader       reads the type's class
     * @param fieldsWriter writes upcast field trees (maps, lists, scalars) for {@link #decodeFields}
     */
    public CurrentTypeDecoder(String type, ObjectReader reader, ObjectWriter fieldsWriter) {
        this.type = type;
        this.reader = reader;
        this.fieldsWriter = fieldsWriter;
    }

    @Override
    public Object decode(byte[] data) {
        Object value;
        try {
            value = reader.readValue(data);
        } catch (IOException e) {
            throw CodecFailures.decoding("'" + type + "'", e);
        }
        if (value == null) {
            throw nullValue("'" + type + "'");
        }
        return value;
    }

    /**
     * The value for fields upcast from an older stored type. They go through a token buffer, not text,
     * and are bound by the same reader as current data, with the same strictness.
     */
    Object decodeFields(String storedType, Map<String, Object> fields) {
        String subject = "'" + storedType + "' (upcast to '" + type + "')";
        TokenBuffer buffer = new TokenBuffer(reader, false);
        try {
            fieldsWriter.writeValue(buffer, fields);
        } catch (IOException e) {
            throw new CodecException("cannot decode " + subject + ": the upcast fields cannot be written as JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        Object value;
        try (JsonParser parser = buffer.asParser()) {
            value = reader.readValue(parser);
        } catch (IOException e) {
            throw CodecFailures.decoding(subject, e);
        }
        if (value == null) {
            throw nullValue(subject);
        }
        return value;
    }

    private static CodecException nullValue(String subject) {
        return new CodecException("cannot decode " + subject + ": the stored value is JSON null");
    }
}
