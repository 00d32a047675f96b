package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clstr.adapters.jackson.JacksonCodec;
import io.clstr.adapters.memory.InMemoryKeyValueStore;
import io.clstr.application.eventsourcing.TallyProjection.Tally;
import io.clstr.domain.kernel.testing.CountEvent.Incremented;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeyValueReadModelTest {

    private final Codec codec = new JacksonCodec(CountTypes.catalog().with(TallyProjection.STORED_NAME, Tally.class));
    private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    private final KeyValueReadModel<Tally> tallies = new KeyValueReadModel<>(store, codec, "tallies", Tally.class,
            Tally::version);

    /** Adds each increment and records its version. */
    private static final KeyValueReadModel.Evolver<Tally> ADD = (tally, event) -> {
        Tally current = tally == null ? new Tally(event.stream().id(), 0, List.of(), 0) : tally;
        return current.plus(((Incremented) event.event()).amount(), event.version());
    };

    /** A commit of increments of 1 to the counter, with these versions. */
    private static ProjectionCommit commit(String counterId, long position, long... versions) {
        StreamId stream = StreamId.of("count", counterId);
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (long version : versions) {
            events.add(new EventEnvelope<>(stream, version, position, "count.incremented.v1", Instant.EPOCH, Map.of(),
                    new Incremented(1)));
        }
        return new ProjectionCommit(stream, position, events, false);
    }

    @Test
    void a_commit_delivered_again_changes_nothing() {
        assertThat(tallies.apply(commit("c-1", 1, 1, 2), ADD)).isTrue();
        long revision = store.get("tallies/c-1").orElseThrow().revision();

        assertThat(tallies.apply(commit("c-1", 1, 1, 2), ADD)).isFalse();

        assertThat(store.get("tallies/c-1").orElseThrow().revision()).isEqualTo(revision);
        assertThat(tallies.get("c-1")).contains(new Tally("c-1", 2, List.of(1L, 2L), 2));
    }

    @Test
    void only_the_events_above_the_applied_version_are_applied() {
        tallies.apply(commit("c-1", 1, 1, 2, 3), ADD);

        assertThat(tallies.apply(commit("c-1", 2, 3, 4, 5), ADD)).isTrue();

        assertThat(tallies.get("c-1").orElseThrow().versions()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void a_missing_version_fails_loudly_and_writes_nothing() {
        tallies.apply(commit("c-1", 1, 1), ADD);
        long revision = store.get("tallies/c-1").orElseThrow().revision();

        assertThatThrownBy(() -> tallies.apply(commit("c-1", 5, 3), ADD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tallies/c-1", "applied version 1", "version 3", "rebuild");
        assertThat(store.get("tallies/c-1").orElseThrow().revision()).isEqualTo(revision);
    }

    @Test
    void writers_racing_on_one_entry_apply_each_event_exactly_once() {
        // Two runners of the same projection deliver the same commits, interleaved arbitrarily.
        List<ProjectionCommit> commits = new ArrayList<>();
        for (long version = 1; version <= 300; version += 3) {
            commits.add(commit("hot", version, version, version + 1, version + 2));
        }
        CompletableFuture<?> one = CompletableFuture.runAsync(() -> commits.forEach(c -> tallies.apply(c, ADD)));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> commits.forEach(c -> tallies.apply(c, ADD)));
        CompletableFuture.allOf(one, two).join();

        Tally hot = tallies.get("hot").orElseThrow();
        assertThat(hot.versions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
        assertThat(hot.total()).isEqualTo(300);
    }

    @Test
    void an_evolver_that_does_not_record_the_version_it_applied_is_refused() {
        KeyValueReadModel.Evolver<Tally> forgetful = (tally, event) -> new Tally(event.stream().id(), 1, List.of(), 0);

        assertThatThrownBy(() -> tallies.apply(commit("c-1", 1, 1), forgetful))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applied version 1 but the document records version 0");
        assertThat(store.keys("tallies/")).isEmpty();
    }

    @Test
    void an_event_may_create_no_document_but_never_delete_one() {
        KeyValueReadModel.Evolver<Tally> onlyFromVersionTwo = (tally, event) ->
                event.version() < 2 ? null : tally == null ? null : ADD.evolve(tally, event);
        assertThat(tallies.apply(commit("c-1", 1, 1), onlyFromVersionTwo)).isFalse();
        assertThat(tallies.get("c-1")).isEmpty();

        tallies.apply(commit("c-2", 2, 1), ADD);
        KeyValueReadModel.Evolver<Tally> deleting = (tally, event) -> null;
        assertThatThrownBy(() -> tallies.apply(commit("c-2", 3, 2), deleting))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never deleted");
    }

    @Test
    void ids_with_separators_get_distinct_keys_and_come_back_intact() {
        List<String> ids = List.of("a/b", "a%2Fb", "a", "%", "a%252F/");
        long position = 1;
        for (String id : ids) {
            tallies.apply(commit(id, position++, 1), ADD);
        }

        assertThat(store.keys("tallies/")).hasSize(ids.size()).allMatch(key -> key.indexOf('/') == "tallies".length()
                && key.lastIndexOf('/') == "tallies".length());
        assertThat(tallies.ids()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(tallies.get(id).orElseThrow().counterId()).isEqualTo(id);
        }
    }

    @Test
    void clear_deletes_its_own_documents_only() {
        store.put("other/c-1", new byte[] {1});
        store.put("talliesx/c-1", new byte[] {1});
        tallies.apply(commit("c-1", 1, 1), ADD);
        tallies.apply(commit("c-2", 2, 1), ADD);

        tallies.clear();

        assertThat(tallies.ids()).isEmpty();
        assertThat(store.keys("")).containsExactly("other/c-1", "talliesx/c-1");
    }

    @Test
    void an_unreadable_document_asks_for_a_rebuild() {
        store.put("tallies/c-1", "{\"old\":true}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tallies.apply(commit("c-1", 1, 1), ADD))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tallies/c-1", "rebuild");
    }

    @Test
    void refuses_a_document_type_the_codec_does_not_know_and_malformed_prefixes() {
        assertThatThrownBy(() -> new KeyValueReadModel<>(store, codec, "entries", KeyValueEntry.class, e -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type catalog");
        for (String prefix : List.of("", "/a", "a/", "a//b")) {
            assertThatThrownBy(() -> new KeyValueReadModel<>(store, codec, prefix, Tally.class, Tally::version))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        }
    }

    @Test
    void a_view_loads_the_documents_and_follows_writes_and_deletes_in_its_order() {
        tallies.apply(commit("c-1", 1, 1, 2, 3), ADD);
        tallies.apply(commit("c-2", 2, 1), ADD);
        store.put("tallies/broken", "not a tally".getBytes(StandardCharsets.UTF_8));
        // Largest total first, then by id.
        Comparator<Tally> byTotal = Comparator.comparingLong(Tally::total).reversed().thenComparing(Tally::counterId);

        try (ReadModelView<Tally, Tally> view = tallies.view(tally -> tally, byTotal)) {
            await().atMost(Duration.ofSeconds(10)).until(view::loaded);
            assertThat(view.after(null)).extracting(Tally::counterId).as("the unreadable entry left out")
                    .containsExactly("c-1", "c-2");

            tallies.apply(commit("c-2", 3, 2, 3, 4, 5), ADD);
            tallies.apply(commit("c-3", 4, 1, 2), ADD);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(view.after(null))
                    .extracting(Tally::counterId).containsExactly("c-2", "c-1", "c-3"));
            assertThat(view.after(tallies.get("c-2").orElseThrow())).extracting(Tally::counterId)
                    .containsExactly("c-1", "c-3");

            tallies.clear();
            await().atMost(Duration.ofSeconds(10)).until(() -> view.size() == 0);
        }
    }
}
