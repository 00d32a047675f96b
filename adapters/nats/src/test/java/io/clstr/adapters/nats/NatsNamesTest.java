package io.clstr.adapters.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.eventstore.StreamId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NatsNamesTest {

    private final NatsNames names = NatsNames.defaults();

    @Test
    void names_the_event_stream_its_subjects_and_buckets_from_the_prefix() {
        assertThat(names.eventStream()).isEqualTo("CLSTR_EVENTS");
        assertThat(names.eventStreamSubjects()).isEqualTo("clstr.events.>");
        assertThat(names.eventSubject(StreamId.of("order", "o-1"))).isEqualTo("clstr.events.order.o-1");
        assertThat(names.eventTypeFilter(AggregateType.of("order"))).isEqualTo("clstr.events.order.>");
        assertThat(names.snapshotBucket()).isEqualTo("clstr-snapshots");
        assertThat(names.bucket("members")).isEqualTo("clstr-members");
        assertThat(names.readConsumerPrefix()).isEqualTo("clstr-read-");
        assertThat(NatsNames.withPrefix("my-app").eventStream()).isEqualTo("MY_APP_EVENTS");
    }

    @Test
    void puts_an_id_with_dots_wildcards_and_spaces_into_exactly_one_token() {
        String subject = names.eventSubject(StreamId.of("order", "a.b *> c"));

        assertThat(subject).isEqualTo("clstr.events.order.a=2Eb=20=2A=3E=20c");
        assertThat(subject.split("\\.")).hasSize(4);
    }

    @Test
    void reads_the_stream_id_back_from_every_subject() {
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            String id = RandomText.asId(RandomText.any(random, 1, 60));
            if (id.isBlank()) {
                continue;
            }
            StreamId stream = StreamId.of("t" + RandomText.from(random, "abcxyz019-", 0, 10), id);
            String subject = names.eventSubject(stream);

            assertThat(names.streamIdOf(subject)).isEqualTo(stream);
            assertThat(subject.split("\\.", -1)).hasSize(4);
            assertThat(subject).doesNotContain("*", ">", " ");
        }
    }

    @Test
    void rejects_subjects_it_did_not_make() {
        for (String subject : new String[] {"other.events.order.x", "clstr.events.order", "clstr.events.order.a.b",
                "clstr.eventsx.order.a", "clstr.events.order.a b"}) {
            assertThatThrownBy(() -> names.streamIdOf(subject)).as(subject)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejects_prefixes_and_bucket_names_nats_cannot_use() {
        for (String prefix : new String[] {"", "Clstr", "a.b", "a b", "1abc", "a*"}) {
            assertThatThrownBy(() -> NatsNames.withPrefix(prefix)).as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String bucket : new String[] {"", "a.b", "A", "a b"}) {
            assertThatThrownBy(() -> names.bucket(bucket)).as(bucket).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
