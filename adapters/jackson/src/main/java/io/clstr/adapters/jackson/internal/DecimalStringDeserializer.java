package io.clstr.adapters.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a {@link BigDecimal} from a JSON string only. A JSON number is rejected rather than accepted:
 * whoever wrote it may have passed it through a double, and accepting it would hide that.
 */
public final class DecimalStringDeserializer extends StdScalarDeserializer<BigDecimal> {

    private static final long serialVersionUID = 1L;

    public DecimalStringDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (BigDecimal) context.reportInputMismatch(this, "a decimal must be a JSON string");
        }
        String text = parser.getText();
        // The same length limit Jackson puts on numbers: parsing a huge decimal is quadratic.
        parser.streamReadConstraints().validateFPLength(text.length());
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not a decimal");
        }
    }
}
