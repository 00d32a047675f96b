package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.metrics.ActorMetrics;
import io.clstr.ports.out.metrics.ClusterMetrics;
import io.clstr.ports.out.metrics.EventSourcingMetrics;
import io.clstr.ports.out.metrics.HttpMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricNamesTest {

    @Test
    void every_listed_family_appears_once_every_port_method_has_been_called() {
        MetricsFixture fixture = new MetricsFixture();
        EveryPortCall.exercise(fixture.metrics);

        assertThat(fixture.scrape().families()).containsAll(MetricNames.ALL);
    }

    @Test
    void the_adapter_emits_no_family_outside_the_list_but_the_max_of_each_histogram() {
        MetricsFixture fixture = new MetricsFixture();
        EveryPortCall.exercise(fixture.metrics);

        Set<String> unlisted = new HashSet<>(fixture.scrape().families());
        MetricNames.ALL.forEach(unlisted::remove);
        assertThat(unlisted).allSatisfy(family -> {
            assertThat(family).endsWith("_max");
            String histogram = family.substring(0, family.length() - "_max".length());
            assertThat(MetricNames.ALL).contains(histogram);
            assertThat(fixture.scrape().type(histogram)).isEqualTo("histogram");
        });
    }

    @Test
    void the_list_holds_every_name_constant_once() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (Field field : MetricNames.class.getFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                constants.add((String) field.get(null));
            }
        }

        assertThat(MetricNames.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void keeps_the_clstr_go_names_with_their_label_sets() {
        MetricsFixture fixture = new MetricsFixture();
        EveryPortCall.exercise(fixture.metrics);
        PrometheusText scrape = fixture.scrape();

        assertThat(labelNames(scrape, "clstr_es_consumer_events_total"))
                .containsExactly("event_type", "live", "success");
        assertThat(labelNames(scrape, "clstr_es_consumer_event_duration_seconds_count"))
                .containsExactly("event_type", "live");
        assertThat(labelNames(scrape, "clstr_actor_messages_total")).containsExactly("message_type", "success");
        assertThat(labelNames(scrape, "clstr_actor_mailbox_depth")).containsExactly("actor_group");
        assertThat(labelNames(scrape, "clstr_actor_scheduler_task_duration_seconds_count")).isEmpty();
        assertThat(labelNames(scrape, "clstr_cluster_transport_errors_total")).containsExactly("error_type");
        assertThat(labelNames(scrape, "clstr_cluster_shards_owned")).containsExactly("node_id");
        assertThat(labelNames(scrape, "http_server_requests_seconds_count"))
                .containsExactly("method", "outcome", "status", "uri");
    }

    static Stream<Arguments> ports() {
        MicrometerMetrics metrics = new MetricsFixture().metrics;
        return Stream.of(
                Arguments.of(EventSourcingMetrics.class, metrics.eventSourcing()),
                Arguments.of(ActorMetrics.class, metrics.actors()),
                Arguments.of(ClusterMetrics.class, metrics.cluster()),
                Arguments.of(HttpMetrics.class, metrics.http()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void leaves_no_port_method_as_its_no_op_default(Class<?> port, Object adapter) throws NoSuchMethodException {
        for (Method method : port.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method implementation = adapter.getClass().getMethod(method.getName(), method.getParameterTypes());
            assertThat(implementation.getDeclaringClass()).as(method.toString()).isEqualTo(adapter.getClass());
        }
    }

    private static List<String> labelNames(PrometheusText scrape, String series) {
        return scrape.samples(series).stream()
                .map(sample -> sample.labels().keySet())
                .distinct()
                .flatMap(names -> Arrays.stream(names.toArray(String[]::new)))
                .collect(Collectors.toList());
    }
}
