package io.clstr.adapters.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;

/**
 * Makes every {@code java.time} value readable from an ISO-8601 string only. The JSR-310 module also
 * accepts epoch numbers and arrays; stored data never holds those, so meeting one means the data does
 * not follow the schema, which should fail instead of being guessed at.
 */
public final class IsoTimeStringsOnly extends BeanDeserializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
            DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        // Enums (DayOfWeek, Month) are read by name already.
        if (type.getPackageName().equals("java.time") && !type.isEnum()) {
            return new StringsOnly(deserializer);
        }
        return deserializer;
    }

    private static final class StringsOnly extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;

        StringsOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StringsOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.reportInputMismatch(this, "a date or time must be an ISO-8601 string");
            }
            return super.deserialize(parser, context);
        }
    }
}
