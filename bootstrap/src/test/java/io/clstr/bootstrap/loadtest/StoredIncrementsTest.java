package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.memory.InMemoryEventStore;
import io.clstr.application.eventsourcing.EventEnvelope;
import io.clstr.domain.counter.CounterAggregate;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredIncrementsTest {

    @Test
    void reads_every_counter_increment_with_its_command_id_and_leaves_other_types_out() {
        InMemoryEventStore store = new InMemoryEventStore();
        append(store, StreamId.of(CounterAggregate.TYPE.name(), "c-1"), "cmd-1", "cmd-2");
        append(store, StreamId.of("order", "o-1"), "cmd-3");
        append(store, StreamId.of(CounterAggregate.TYPE.name(), "c-2"), "cmd-4");

        Map<String, List<Verification.StoredIncrement>> stored = LoadTest.storedIncrements(store);

        assertThat(stored).containsOnlyKeys("c-1", "c-2");
        assertThat(stored.get("c-1")).extracting(Verification.StoredIncrement::version).containsExactly(1L, 2L);
        assertThat(stored.get("c-1")).extracting(Verification.StoredIncrement::commandId)
                .containsExactly("cmd-1", "cmd-2");
        assertThat(stored.get("c-2")).extracting(Verification.StoredIncrement::commandId).containsExactly("cmd-4");
    }

    private static void append(InMemoryEventStore store, StreamId stream, String... commandIds) {
        List<EventData> events = Arrays.stream(commandIds)
                .map(id -> new EventData("incremented", "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of(EventEnvelope.COMMAND_ID, id)))
                .toList();
        store.append(stream, ExpectedVersion.noStream(), events).toCompletableFuture().join();
    }
}
