package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.StreamId;
import org.junit.jupiter.api.Test;

class EventSubjectsTest {

    private final EventSubjects subjects = new EventSubjects("app.events");
    private final String counter = subjects.of(new StreamId(AggregateType.of("counter"), "c-1"));
    private final String order = subjects.of(new StreamId(AggregateType.of("order"), "o-1"));

    @Test
    void every_event_subject_passes_the_filter_of_all_types() {
        assertThat(subjects.passes(counter, EventFilter.all())).isTrue();
        assertThat(subjects.passes(order, EventFilter.all())).isTrue();
    }

    @Test
    void a_type_filter_passes_its_types_only_and_compares_whole_names() {
        EventFilter counters = EventFilter.aggregateTypes(AggregateType.of("counter"));
        assertThat(subjects.passes(counter, counters)).isTrue();
        assertThat(subjects.passes(order, counters)).isFalse();
        assertThat(subjects.passes(counter, EventFilter.aggregateTypes(AggregateType.of("count")))).isFalse();
        assertThat(subjects.passes(order,
                EventFilter.aggregateTypes(AggregateType.of("counter"), AggregateType.of("order")))).isTrue();
    }

    @Test
    void subjects_outside_the_event_root_never_pass() {
        assertThat(subjects.passes("app.other.counter.c-1", EventFilter.all())).isFalse();
        assertThat(subjects.passes("app.eventsx.counter.c-1", EventFilter.all())).isFalse();
    }
}
