package io.clstr.adapters.nats.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.adapters.nats.testing.NatsFixture.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsFixtureTest {

    @Test
    void the_binary_is_the_default() {
        assertThat(Kind.chosen(null, Map.of())).isEqualTo(Kind.BINARY);
        assertThat(Kind.chosen(" ", Map.of(NatsFixture.VARIABLE, ""))).isEqualTo(Kind.BINARY);
    }

    @Test
    void the_variable_chooses_and_the_system_property_overrides_it() {
        assertThat(Kind.chosen(null, Map.of(NatsFixture.VARIABLE, "testcontainers"))).isEqualTo(Kind.TESTCONTAINERS);
        assertThat(Kind.chosen("binary", Map.of(NatsFixture.VARIABLE, "testcontainers"))).isEqualTo(Kind.BINARY);
        assertThat(Kind.chosen("Testcontainers", Map.of())).isEqualTo(Kind.TESTCONTAINERS);
    }

    @Test
    void an_unknown_fixture_is_refused_naming_both() {
        assertThatThrownBy(() -> Kind.chosen(null, Map.of(NatsFixture.VARIABLE, "docker")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NATS_FIXTURE=docker")
                .hasMessageContaining("binary")
                .hasMessageContaining("testcontainers");
    }
}
