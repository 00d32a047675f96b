package io.clstr.adapters.jackson;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clstr.adapters.jackson.parcel.Item;
import io.clstr.adapters.jackson.parcel.ParcelCatalog;
import io.clstr.adapters.jackson.parcel.ParcelEvent;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelRegistered;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelWeighed;
import io.clstr.adapters.jackson.parcel.ParcelSamples;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.codec.Encoded;
import io.clstr.ports.out.codec.TypeCatalog;
import io.clstr.ports.out.codec.UnknownTypeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JacksonCodecTest {

    private static final String REGISTERED = "parcel.registered.v3";
    private static final String SECRET = "SECRET-4711";
    private static final JsonMapper TREES = JsonMapper.builder().build();

    private final JacksonCodec codec = new JacksonCodec(ParcelCatalog.all());

    /** Map keys are data (here: customer references), not schema. */
    record Ledger(Map<String, Item> itemsByCustomer) {
    }

    /** Optional needs a Jackson module the storage mapper leaves out: stored records use nulls. */
    record Draft(Optional<String> note) {
    }

    @Test
    void encodes_a_value_under_its_stored_name() {
        Encoded encoded = codec.encode(ParcelSamples.WEIGHED);

        assertThat(encoded.type()).isEqualTo("parcel.weighed.v1");
        assertThat(codec.decode(encoded.type(), encoded.data())).isEqualTo(ParcelSamples.WEIGHED);
        assertThat(codec.decode(encoded.type(), encoded.data(), ParcelWeighed.class)).isEqualTo(ParcelSamples.WEIGHED);
    }

    @Test
    void keeps_longs_exact_where_a_double_would_round_them() {
        String json = new String(codec.encode(ParcelSamples.WEIGHED).data(), UTF_8);

        assertThat(json).contains("\"milligrams\":9007199254740993", "\"scaleSequence\":9223372036854775807");
    }

    @Test
    void never_writes_a_decimal_as_a_json_number() throws IOException {
        for (Object sample : ParcelSamples.byStoredName().values()) {
            JsonNode tree = TREES.readTree(codec.encode(sample).data());

            assertThat(tree.findValues("unitPrice")).allSatisfy(price -> assertThat(price.isTextual()).isTrue());
            assertThat(tree.findValues("declaredValue")).allSatisfy(value -> assertThat(value.isTextual()).isTrue());
            assertThat(numbers(tree)).allSatisfy(number -> assertThat(number.isIntegralNumber()).isTrue());
        }
    }

    @Test
    void never_writes_class_names() {
        for (Object sample : ParcelSamples.byStoredName().values()) {
            assertThat(new String(codec.encode(sample).data(), UTF_8))
                    .doesNotContain("io.clstr", "java.", "@class", "@type");
        }
    }

    @Test
    void encoding_an_unregistered_class_fails_naming_the_class() {
        UnknownTypeException failure = catchThrowableOfType(UnknownTypeException.class,
                () -> codec.encode(new Item("Cup", 1, BigDecimal.ONE)));

        assertThat(failure.type()).isEqualTo(Item.class.getName());
        assertThat(failure).hasMessageContaining(Item.class.getName());
    }

    @Test
    void encoding_a_value_jackson_cannot_write_fails_naming_the_class_and_the_stored_name() {
        JacksonCodec drafts = new JacksonCodec(TypeCatalog.empty().with("draft.v1", Draft.class));

        assertThatThrownBy(() -> drafts.encode(new Draft(Optional.of("x"))))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot encode " + Draft.class.getName() + " as 'draft.v1' at 'note': ")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void decoding_an_unknown_stored_name_fails_naming_it() {
        UnknownTypeException failure = catchThrowableOfType(UnknownTypeException.class,
                () -> codec.decode("parcel.exploded.v1", "{}".getBytes(UTF_8)));

        assertThat(failure.type()).isEqualTo("parcel.exploded.v1");
        assertThat(failure).hasMessageContaining("'parcel.exploded.v1'");
    }

    @Test
    void decoding_as_the_wrong_class_fails() {
        Encoded weighed = codec.encode(ParcelSamples.WEIGHED);

        assertThatThrownBy(() -> codec.decode(weighed.type(), weighed.data(), ParcelRegistered.class))
                .isInstanceOf(CodecException.class)
                .hasMessage("stored type 'parcel.weighed.v1' is not a ParcelRegistered");
    }

    static Stream<Arguments> schemaMismatches() {
        return Stream.of(
                mismatch("an unknown property", json -> json.put("weight", SECRET),
                        "at 'weight': unknown property"),
                mismatch("an unknown nested property", json -> item(json, 1).put("colour", SECRET),
                        "at 'items[1].colour': unknown property"),
                mismatch("a missing property", json -> json.remove("currency"),
                        "at 'currency': missing required property"),
                mismatch("a missing nested property", json -> item(json, 1).remove("quantity"),
                        "at 'items[1].quantity': missing required property"),
                mismatch("a string for an int", json -> item(json, 0).put("quantity", SECRET),
                        "at 'items[0].quantity': wrong type or format, expected int"),
                mismatch("an object for a string", json -> json.putObject("currency").put("code", SECRET),
                        "at 'currency': wrong type or format, expected String"),
                mismatch("a string for a record", json -> json.put("destination", SECRET),
                        "at 'destination': wrong type or format, expected Address"),
                mismatch("null for an int", json -> item(json, 0).putNull("quantity"),
                        "at 'items[0].quantity': null is not allowed"),
                mismatch("a JSON float for a decimal", json -> json.put("declaredValue", 37.6),
                        "at 'declaredValue': wrong type or format, expected BigDecimal (a decimal in a JSON string)"),
                mismatch("a JSON integer for a decimal", json -> item(json, 0).put("unitPrice", 12),
                        "at 'items[0].unitPrice': wrong type or format,"
                                + " expected BigDecimal (a decimal in a JSON string)"),
                mismatch("a string that is no decimal", json -> json.put("declaredValue", SECRET),
                        "at 'declaredValue': wrong type or format, expected BigDecimal (a decimal in a JSON string)"),
                mismatch("a number for an instant", json -> json.put("registeredAt", 1709284530),
                        "at 'registeredAt': wrong type or format, expected Instant (an ISO-8601 string)"),
                mismatch("a string that is no instant", json -> json.put("registeredAt", SECRET),
                        "at 'registeredAt': wrong type or format, expected Instant (an ISO-8601 string)"),
                mismatch("a number too large for an int", json -> item(json, 0).put("quantity", Long.MAX_VALUE),
                        "at 'items[0].quantity': number out of range for int"),
                mismatch("values the constructor rejects", json -> item(json, 1).put("quantity", 0),
                        "at 'items[1]': the constructor of Item rejected the values (IllegalArgumentException)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaMismatches")
    void a_schema_mismatch_names_the_stored_type_and_the_field_path(String problem, byte[] data, String expected) {
        assertThatThrownBy(() -> codec.decode(REGISTERED, data))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage("cannot decode '" + REGISTERED + "' " + expected)
                .message().doesNotContain(SECRET);
    }

    static Stream<Arguments> malformedData() {
        return Stream.of(
                Arguments.of("broken JSON", "{\"parcelId\": SECRET-4711}",
                        "cannot decode 'parcel.registered.v3': malformed JSON at line 1, column 14"),
                Arguments.of("a string cut short", "{\"parcelId\": \"SECRET-4711",
                        "cannot decode 'parcel.registered.v3' at 'parcelId': malformed JSON at line 1, column 26"),
                Arguments.of("trailing content", storedJson(ParcelSamples.REGISTERED) + " \"SECRET-4711\"",
                        "cannot decode 'parcel.registered.v3': unexpected content after the value"),
                Arguments.of("an array", "[\"SECRET-4711\"]",
                        "cannot decode 'parcel.registered.v3': wrong type or format, expected ParcelRegistered"),
                Arguments.of("no data", "", "cannot decode 'parcel.registered.v3': no content"),
                Arguments.of("JSON null", "null",
                        "cannot decode 'parcel.registered.v3': the stored value is JSON null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedData")
    void malformed_data_fails_with_its_position_but_not_its_content(String problem, String json, String expected) {
        assertThatThrownBy(() -> codec.decode(REGISTERED, json.getBytes(UTF_8)))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage(expected)
                .hasNoCause();
    }

    @Test
    void keeps_the_exception_of_a_rejecting_constructor_as_the_cause() {
        byte[] data = mutated(ParcelSamples.REGISTERED, json -> item(json, 0).put("quantity", -1));

        assertThatThrownBy(() -> codec.decode(REGISTERED, data))
                .hasRootCauseExactlyInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("quantity must be positive");
    }

    @Test
    void shows_map_keys_as_placeholders_in_field_paths() {
        JacksonCodec ledgers = new JacksonCodec(TypeCatalog.empty().with("ledger.v1", Ledger.class));
        String json = "{\"itemsByCustomer\": {\"" + SECRET + "\": {\"description\": \"Cup\", \"quantity\": 1}}}";

        assertThatThrownBy(() -> ledgers.decode("ledger.v1", json.getBytes(UTF_8)))
                .hasMessage("cannot decode 'ledger.v1' at 'itemsByCustomer[<key>].unitPrice':"
                        + " missing required property");
    }

    @Test
    void refuses_a_catalog_that_registers_an_interface() {
        TypeCatalog catalog = TypeCatalog.empty().with("parcel.any.v1", ParcelEvent.class);

        assertThatThrownBy(() -> new JacksonCodec(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'parcel.any.v1'")
                .hasMessageContaining(ParcelEvent.class.getName());
    }

    private static Arguments mismatch(String problem, Consumer<ObjectNode> change, String expected) {
        return Arguments.of(problem, mutated(ParcelSamples.REGISTERED, change), expected);
    }

    /** The sample's stored JSON, changed. */
    private static byte[] mutated(Object sample, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) TREES.readTree(new JacksonCodec(ParcelCatalog.all()).encode(sample).data());
            change.accept(json);
            return TREES.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String storedJson(Object sample) {
        return new String(new JacksonCodec(ParcelCatalog.all()).encode(sample).data(), UTF_8);
    }

    private static ObjectNode item(ObjectNode registered, int index) {
        return (ObjectNode) ((ArrayNode) registered.get("items")).get(index);
    }

    private static Stream<JsonNode> numbers(JsonNode node) {
        if (node.isNumber()) {
            return Stream.of(node);
        }
        Stream.Builder<JsonNode> children = Stream.builder();
        node.elements().forEachRemaining(children);
        return children.build().flatMap(JacksonCodecTest::numbers);
    }
}
