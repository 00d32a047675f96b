package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.jackson.JsonMappers;
import io.clstr.adapters.javalin.internal.HttpJson;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored data and HTTP documents are read by two mappers, one per adapter, because adapters never depend on each
 * other (ADR-0002). Only bootstrap sees both, so here their common strictness is held in one place: a rule
 * dropped from either mapper fails this test. Each mapper's own extras are documented at its factory.
 */
class StrictJsonTest {

    record Sample(int count, String name) {
    }

    private static final List<String> REFUSED_BY_BOTH = List.of(
            "{\"count\":1,\"name\":\"a\",\"extra\":1}",
            "{\"count\":1,\"name\":\"a\"} {}",
            "{\"count\":null,\"name\":\"a\"}",
            "{\"count\":1.5,\"name\":\"a\"}",
            "{\"count\":\"1\",\"name\":\"a\"}",
            "{\"count\":1,\"name\":5}",
            "{\"count\":1,\"name\":1.5}",
            "{\"count\":1,\"name\":true}");

    static Stream<Named<ObjectMapper>> mappers() {
        return Stream.of(Named.of("storage", JsonMappers.storage()), Named.of("http", HttpJson.newObjectMapper()));
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void both_mappers_refuse_the_same_mistakes(ObjectMapper mapper) throws JsonProcessingException {
        assertThat(mapper.readValue("{\"count\":1,\"name\":\"a\"}", Sample.class)).isEqualTo(new Sample(1, "a"));
        for (String json : REFUSED_BY_BOTH) {
            assertThatThrownBy(() -> mapper.readValue(json, Sample.class)).as(json)
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void both_mappers_write_instants_as_iso_strings(ObjectMapper mapper) throws JsonProcessingException {
        Instant instant = Instant.parse("2026-01-02T03:04:05.678Z");

        assertThat(mapper.writeValueAsString(instant)).isEqualTo("\"2026-01-02T03:04:05.678Z\"");
    }
}
