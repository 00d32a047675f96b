package io.clstr.adapters.nats;

import static io.clstr.ports.out.AsyncTesting.join;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** The appends a test saw acknowledged, and the check that the store holds each of them exactly once. */
final class Acknowledged {

    private record Ack(StreamId stream, String commitId, AppendResult result) {
    }

    private final List<Ack> acks = new ArrayList<>();

    synchronized void add(StreamId stream, String commitId, AppendResult result) {
        acks.add(new Ack(stream, commitId, result));
    }

    synchronized int count() {
        return acks.size();
    }

    synchronized List<Long> positionsInOrder() {
        return acks.stream().map(ack -> ack.result().position()).sorted().toList();
    }

    /** Every acknowledged commit is stored once, at the version and position it was acknowledged with. */
    synchronized void assertAllStoredExactlyOnce(io.clstr.ports.out.eventstore.EventStore store) {
        Map<StreamId, List<Ack>> byStream = new LinkedHashMap<>();
        acks.forEach(ack -> byStream.computeIfAbsent(ack.stream(), s -> new ArrayList<>()).add(ack));
        for (Map.Entry<StreamId, List<Ack>> entry : byStream.entrySet()) {
            List<RecordedEvent> read = join(store.readStream(entry.getKey(), 1));
            assertThat(read).extracting(RecordedEvent::version).as("versions of %s", entry.getKey())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, read.size()).boxed().toList());
            List<String> stored = read.stream().map(event -> new String(event.data(), UTF_8)).toList();
            assertThat(stored).as("commits of %s", entry.getKey()).doesNotHaveDuplicates()
                    .containsAll(entry.getValue().stream().map(Ack::commitId).toList());
            for (Ack ack : entry.getValue()) {
                RecordedEvent event = read.get((int) ack.result().version() - 1);
                assertThat(new String(event.data(), UTF_8)).isEqualTo(ack.commitId());
                assertThat(event.position()).isEqualTo(ack.result().position());
            }
        }
    }
}
