package io.clstr.adapters.jackson;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clstr.adapters.jackson.parcel.Item;
import io.clstr.adapters.jackson.parcel.ParcelEvent;
import io.clstr.adapters.jackson.parcel.ParcelSamples;
import io.clstr.adapters.jackson.parcel.Service;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonMappersTest {

    private final JsonMapper mapper = JsonMappers.storage();

    record Times(Instant instant, LocalDate date, LocalDateTime local, OffsetDateTime offset, ZonedDateTime zoned,
                 Duration duration, Period period, Year year, ZoneId zone) {
    }

    record Amount(BigDecimal value) {
    }

    record Counted(String name, int count, Service service) {
    }

    record Envelope(ParcelEvent event) {
    }

    @Test
    void writes_record_components_only_never_derived_getters() throws Exception {
        JsonNode item = mapper.readTree(mapper.writeValueAsBytes(new Item("Cup", 2, new BigDecimal("3.00"))));
        JsonNode registered = mapper.readTree(mapper.writeValueAsBytes(ParcelSamples.REGISTERED));

        assertThat(item.properties()).extracting(entry -> entry.getKey())
                .containsExactly("description", "quantity", "unitPrice");
        assertThat(registered.has("empty")).isFalse();
    }

    @Test
    void writes_java_time_as_iso_strings_keeping_offsets_and_zones() throws Exception {
        Times times = new Times(
                Instant.parse("2024-03-01T09:15:30.123456789Z"),
                LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 3, 31, 2, 30),
                OffsetDateTime.parse("2024-03-05T18:45:00+09:00"),
                ZonedDateTime.parse("2024-10-27T02:30:00+01:00[Europe/Paris]"),
                Duration.ofSeconds(5400, 250_000_000),
                Period.of(1, 2, 3),
                Year.of(2024),
                ZoneId.of("America/Argentina/Buenos_Aires"));

        byte[] json = mapper.writeValueAsBytes(times);

        JsonNode tree = mapper.readTree(json);
        assertThat(tree.properties()).allSatisfy(entry -> assertThat(entry.getValue().isTextual()).isTrue());
        assertThat(tree.get("instant").asText()).isEqualTo("2024-03-01T09:15:30.123456789Z");
        assertThat(tree.get("offset").asText()).isEqualTo("2024-03-05T18:45:00+09:00");
        assertThat(tree.get("zoned").asText()).isEqualTo("2024-10-27T02:30:00+01:00[Europe/Paris]");
        assertThat(tree.get("duration").asText()).isEqualTo("PT1H30M0.25S");
        assertThat(mapper.readValue(json, Times.class)).isEqualTo(times);
    }

    @Test
    void round_trips_the_extreme_instants() throws Exception {
        for (Instant instant : List.of(Instant.MIN, Instant.EPOCH, Instant.MAX)) {
            Times times = new Times(instant, null, null, null, null, null, null, null, null);

            assertThat(mapper.readValue(mapper.writeValueAsBytes(times), Times.class)).isEqualTo(times);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"instant\": 1709284530}",
        "{\"instant\": 1709284530.5}",
        "{\"date\": [2024, 2, 29]}",
        "{\"duration\": 5400}"
    })
    void reads_dates_and_times_only_from_iso_strings(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Times.class))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("ISO-8601 string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.50", "0.10", "1E+3", "-1E-7", "0", "0E-10", "123456789012345678901234567890.000000001"})
    void writes_decimals_as_strings_that_keep_value_and_scale(String decimal) throws Exception {
        Amount amount = new Amount(new BigDecimal(decimal));

        byte[] json = mapper.writeValueAsBytes(amount);

        assertThat(new String(json, UTF_8)).isEqualTo("{\"value\":\"" + decimal + "\"}");
        Amount read = mapper.readValue(json, Amount.class);
        assertThat(read.value()).isEqualTo(amount.value()).hasScaleOf(amount.value().scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\": 12.5}", "{\"value\": 12}", "{\"value\": 1e3}", "{\"value\": true}"})
    void reads_decimals_only_from_strings(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Amount.class))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("a decimal must be a JSON string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\": \"\"}", "{\"value\": \"12,50\"}", "{\"value\": \" 12.50\"}",
        "{\"value\": \"NaN\"}", "{\"value\": \"0x10\"}"})
    void rejects_strings_that_are_not_decimals(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Amount.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void rejects_a_decimal_string_longer_than_the_number_length_limit() {
        String json = "{\"value\": \"" + "9".repeat(1001) + "\"}";

        assertThatThrownBy(() -> mapper.readValue(json, Amount.class)).hasMessageContaining("exceeds the maximum");
    }

    static Stream<Arguments> coercions() {
        return Stream.of(
                Arguments.of("a string for an int", "{\"name\": \"cups\", \"count\": \"5\", \"service\": \"EXPRESS\"}"),
                Arguments.of("a fraction for an int", "{\"name\": \"cups\", \"count\": 5.0, \"service\": \"EXPRESS\"}"),
                Arguments.of("a number for a string", "{\"name\": 5, \"count\": 5, \"service\": \"EXPRESS\"}"),
                Arguments.of("a boolean for a string", "{\"name\": true, \"count\": 5, \"service\": \"EXPRESS\"}"),
                Arguments.of("an ordinal for an enum", "{\"name\": \"cups\", \"count\": 5, \"service\": 1}"),
                Arguments.of("null for an int", "{\"name\": \"cups\", \"count\": null, \"service\": \"EXPRESS\"}"),
                Arguments.of("a missing component", "{\"name\": \"cups\", \"service\": \"EXPRESS\"}"),
                Arguments.of("an unknown property",
                        "{\"name\": \"cups\", \"count\": 5, \"service\": \"EXPRESS\", \"x\": 1}"),
                Arguments.of("trailing content", "{\"name\": \"cups\", \"count\": 5, \"service\": \"EXPRESS\"} {}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coercions")
    void reads_strictly(String problem, String json) throws Exception {
        assertThat(mapper.readValue("{\"name\": \"cups\", \"count\": 5, \"service\": \"EXPRESS\"}", Counted.class))
                .isEqualTo(new Counted("cups", 5, Service.EXPRESS));
        assertThatThrownBy(() -> mapper.readValue(json, Counted.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void writes_characters_outside_the_basic_plane_as_plain_utf8() throws Exception {
        byte[] json = mapper.writeValueAsBytes(new Counted("🚚", 1, Service.STANDARD));

        assertThat(new String(json, UTF_8)).contains("\"🚚\"").doesNotContain("\\u");
    }

    @Test
    void round_trips_strings_with_unpaired_surrogates_as_escapes() throws Exception {
        Counted broken = new Counted("a\uD83Db\uDE00", 1, Service.STANDARD);

        assertThat(mapper.readValue(mapper.writeValueAsBytes(broken), Counted.class)).isEqualTo(broken);
    }

    @Test
    void writes_no_type_information_even_for_a_field_of_interface_type() throws Exception {
        String json = mapper.writeValueAsString(new Envelope(ParcelSamples.WEIGHED));

        assertThat(json).isEqualTo("{\"event\":{\"milligrams\":9007199254740993,"
                + "\"scaleSequence\":9223372036854775807,\"weighedAt\":\"2024-03-01T10:00:00Z\"}}");
    }
}
