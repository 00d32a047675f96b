package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadTestOptionsTest {

    @Test
    void defaults_are_a_closed_loop_without_baseline_or_log() {
        LoadTestOptions options = LoadTestOptions.parse(List.of());

        assertThat(options.rate()).isEmpty();
        assertThat(options.baseline()).isFalse();
        assertThat(options.output()).isEmpty();
        assertThat(options.natsUrl()).as("left to CLSTR_NATS_URL or the node's default").isEmpty();
        assertThat(options.backend()).isEqualTo("memory");
    }

    @Test
    void baseline_is_a_switch_and_rate_and_output_take_values() {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--baseline", "--rate", "5000", "--output=run.hlog",
                "--nats-url", "nats://10.0.0.1:4222"));

        assertThat(options.baseline()).isTrue();
        assertThat(options.rate()).contains(5000);
        assertThat(options.output()).contains(Path.of("run.hlog"));
        assertThat(options.natsUrl()).isEqualTo(Optional.of("nats://10.0.0.1:4222"));
    }

    @Test
    void a_target_implies_http_and_refuses_a_backend_it_cannot_know() {
        assertThat(LoadTestOptions.parse(List.of("--target", "http://a:8080/, http://b:8080")).targets())
                .containsExactly(URI.create("http://a:8080"), URI.create("http://b:8080"));
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--target", "http://a:8080", "--backend", "nats")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop --backend");
    }

    @Test
    void bad_values_are_refused_with_the_option_named() {
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--rate", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate must be positive");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--rate", "fast")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate must be an integer");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--baseline=maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--baseline takes no value");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--baseline", "--baseline")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    }
}
