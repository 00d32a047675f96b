package io.clstr.adapters.jackson;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.jackson.parcel.Address;
import io.clstr.adapters.jackson.parcel.FieldsUpcaster;
import io.clstr.adapters.jackson.parcel.ParcelCatalog;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelDispatched;
import io.clstr.adapters.jackson.parcel.ParcelEvent.ParcelRegistered;
import io.clstr.adapters.jackson.parcel.Service;
import io.clstr.ports.out.codec.CodecException;
import io.clstr.ports.out.codec.TypeCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpcastingTest {

    private static final String DESTINATION = "{\"recipient\": \"Zoë\", \"street\": null, \"city\": \"Köln\","
            + " \"postcode\": null, \"country\": \"DE\"}";

    private static final Address ADDRESS = new Address("Zoë", null, "Köln", null, "DE");

    private final JacksonCodec codec = new JacksonCodec(ParcelCatalog.all());

    /** A record that gained fields whose values are not plain JSON scalars. */
    record Price(String sku, BigDecimal amount, Instant validFrom, List<String> tags) {
    }

    @Test
    void renames_a_field_and_adds_one_with_its_default_from_v1_to_v2() {
        String v1 = "{\"courier\": \"La Poste\", \"promisedFor\": \"2018-12-31\", \"handlingTime\": \"PT20M\"}";

        Object decoded = codec.decode("parcel.dispatched.v1", v1.getBytes(UTF_8));

        assertThat(decoded).isEqualTo(
                new ParcelDispatched("La Poste", Service.STANDARD, LocalDate.of(2018, 12, 31), Duration.ofMinutes(20)));
    }

    @Test
    void runs_a_chain_of_upcasters_from_v1_through_v2_to_v3() {
        String v1 = "{\"parcelId\": \"P-1\", \"destination\": " + DESTINATION + ", \"value\": \"250.00\","
                + " \"registeredAt\": \"2017-01-02T08:30:00Z\"}";

        Object decoded = codec.decode("parcel.registered.v1", v1.getBytes(UTF_8));

        assertThat(decoded).isEqualTo(new ParcelRegistered("P-1", ADDRESS,
                List.of(), new BigDecimal("250.00"), "EUR", Instant.parse("2017-01-02T08:30:00Z")));
    }

    @Test
    void starts_a_chain_at_whichever_old_version_is_stored() {
        String v2 = "{\"parcelId\": \"P-2\", \"destination\": " + DESTINATION + ", \"declaredValue\": \"99.90\","
                + " \"currency\": \"CHF\", \"registeredAt\": \"2019-06-01T12:00:00Z\"}";

        Object decoded = codec.decode("parcel.registered.v2", v2.getBytes(UTF_8));

        assertThat(decoded).isEqualTo(new ParcelRegistered("P-2", ADDRESS,
                List.of(), new BigDecimal("99.90"), "CHF", Instant.parse("2019-06-01T12:00:00Z")));
    }

    @Test
    void upcasters_may_add_java_values_and_change_the_tree_in_place() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> {
                    fields.put("amount", new BigDecimal("0.00"));
                    fields.put("validFrom", Instant.EPOCH);
                    @SuppressWarnings("unchecked")
                    List<Object> tags = (List<Object>) fields.get("tags");
                    tags.add("migrated");
                    return fields;
                }));

        String v1 = "{\"sku\": \"A\", \"tags\": [\"old\"]}";

        Object decoded = new JacksonCodec(catalog).decode("price.v1", v1.getBytes(UTF_8));

        assertThat(decoded)
                .isEqualTo(new Price("A", new BigDecimal("0.00"), Instant.EPOCH, List.of("old", "migrated")));
        assertThat(((Price) decoded).amount()).hasScaleOf(2);
    }

    @Test
    void writes_an_upcast_value_under_its_current_name() {
        String v1 = "{\"courier\": \"La Poste\", \"promisedFor\": \"2018-12-31\", \"handlingTime\": \"PT20M\"}";

        Object decoded = codec.decode("parcel.dispatched.v1", v1.getBytes(UTF_8));

        assertThat(codec.encode(decoded).type()).isEqualTo("parcel.dispatched.v2");
    }

    @Test
    void upcast_fields_that_miss_the_current_schema_fail_naming_both_types_and_the_path() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> {
                    fields.put("validFrom", "2024-01-01T00:00:00Z"); // forgot the amount
                    return fields;
                }));
        String v1 = "{\"sku\": \"A\", \"tags\": []}";

        assertThatThrownBy(() -> new JacksonCodec(catalog).decode("price.v1", v1.getBytes(UTF_8)))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage("cannot decode 'price.v1' (upcast to 'price.v2') at 'amount': missing required property");
    }

    @Test
    void an_unknown_property_in_old_data_fails_after_upcasting() {
        String v1 = "{\"courier\": \"La Poste\", \"promisedFor\": \"2018-12-31\", \"handlingTime\": \"PT20M\","
                + " \"colour\": \"red\"}";

        assertThatThrownBy(() -> codec.decode("parcel.dispatched.v1", v1.getBytes(UTF_8)))
                .hasMessage("cannot decode 'parcel.dispatched.v1' (upcast to 'parcel.dispatched.v2') at 'colour':"
                        + " unknown property");
    }

    @Test
    void malformed_old_data_fails_naming_the_old_type() {
        assertThatThrownBy(() -> codec.decode("parcel.dispatched.v1", "{\"courier\": SECRET}".getBytes(UTF_8)))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage("cannot decode 'parcel.dispatched.v1': malformed JSON at line 1, column 13");
        assertThatThrownBy(() -> codec.decode("parcel.dispatched.v1", "null".getBytes(UTF_8)))
                .hasMessage("cannot decode 'parcel.dispatched.v1': the stored value is JSON null");
        assertThatThrownBy(() -> codec.decode("parcel.dispatched.v1", "[]".getBytes(UTF_8)))
                .hasMessage("cannot decode 'parcel.dispatched.v1': wrong type or format, expected a JSON object");
        String deep = "{\"courier\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertThatThrownBy(() -> codec.decode("parcel.dispatched.v1", deep.getBytes(UTF_8)))
                .hasMessage("cannot decode 'parcel.dispatched.v1': exceeds the JSON size or depth limits");
    }

    @Test
    void a_failing_upcaster_is_named_with_its_exception_as_the_cause() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> {
                    throw new IllegalStateException("cannot price it");
                }));

        assertThatThrownBy(() -> new JacksonCodec(catalog).decode("price.v1", "{}".getBytes(UTF_8)))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessage("cannot decode 'price.v1': upcasting 'price.v1' to 'price.v2' failed"
                        + " (IllegalStateException)")
                .hasCauseExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_upcaster_that_returns_no_fields_fails() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> null));

        assertThatThrownBy(() -> new JacksonCodec(catalog).decode("price.v1", "{}".getBytes(UTF_8)))
                .hasMessage("cannot decode 'price.v1': upcasting 'price.v1' to 'price.v2' returned no fields");
    }

    @Test
    void an_upcaster_that_adds_a_value_json_cannot_hold_fails() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> {
                    fields.put("amount", Optional.of("1.00")); // the storage mapper has no Optional support
                    return fields;
                }));

        assertThatThrownBy(() -> new JacksonCodec(catalog).decode("price.v1", "{}".getBytes(UTF_8)))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessageStartingWith("cannot decode 'price.v1' (upcast to 'price.v2'): the upcast fields cannot be"
                        + " written as JSON");
    }

    @Test
    void refuses_upcasters_that_loop() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v3", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> fields))
                .withUpcaster(new FieldsUpcaster("price.v2", "price.v1", fields -> fields));

        assertThatThrownBy(() -> new JacksonCodec(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("upcasters loop: price.v(1|2) -> price.v(1|2) -> price.v(1|2)");
    }

    @Test
    void refuses_upcasters_that_lead_to_no_registered_type() {
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v3", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> fields));

        assertThatThrownBy(() -> new JacksonCodec(catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upcasters from 'price.v1' end at 'price.v2', which is neither a registered type nor"
                        + " upcast further");
    }

    @Test
    void old_fields_reach_the_upcaster_as_plain_java_values_and_may_be_replaced_whole() {
        List<Object> seen = new ArrayList<>();
        TypeCatalog catalog = TypeCatalog.empty()
                .with("price.v2", Price.class)
                .withUpcaster(new FieldsUpcaster("price.v1", "price.v2", fields -> {
                    seen.add(fields);
                    return Map.of("sku", "A", "amount", "1.50", "validFrom", "1970-01-01T00:00:00Z", "tags", List.of());
                }));
        String v1 = "{\"n\": 9007199254740993, \"x\": 1.5, \"l\": [1]}";

        Object decoded = new JacksonCodec(catalog).decode("price.v1", v1.getBytes(UTF_8));

        assertThat(seen).singleElement().isEqualTo(Map.of("n", 9007199254740993L, "x", 1.5, "l", List.of(1)));
        assertThat(decoded).isEqualTo(new Price("A", new BigDecimal("1.50"), Instant.EPOCH, List.of()));
    }
}
