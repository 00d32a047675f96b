package io.clstr.adapters.nats.bench;

import io.clstr.adapters.nats.NatsClient;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical anchor of the append benchmark: bare jnats {@code publishAsync} with the optimistic-concurrency
 * header and a message id, one in flight per subject, on a stream of its own (as in the environment notes).
 */
final class RawPublisher implements AutoCloseable {

    private static final String STREAM = "BENCH_RAW";

    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final byte[] payload;
    private long[] lastSequences = new long[0];

    RawPublisher(NatsClient client, int payloadBytes) throws Exception {
        this.jetStream = client.jetStream();
        this.management = client.management();
        this.payload = new byte[payloadBytes];
        management.addStream(StreamConfiguration.builder().name(STREAM).subjects("bench-raw.>")
                .storageType(StorageType.File).allowDirect(true).build());
    }

    /** Publishes with one message in flight per subject for {@code nanos}; returns the publishes completed. */
    long run(int subjects, long nanos) throws InterruptedException {
        if (lastSequences.length != subjects) {
            lastSequences = new long[subjects];
        }
        LongAdder completed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch drained = new CountDownLatch(subjects);
        for (int subject = 0; subject < subjects; subject++) {
            publishNext(subject, completed, stop, drained);
        }
        TimeUnit.NANOSECONDS.sleep(nanos);
        long count = completed.sum();
        stop.set(true);
        if (!drained.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw publishes did not drain");
        }
        return count;
    }

    private void publishNext(int subject, LongAdder completed, AtomicBoolean stop, CountDownLatch drained) {
        Headers headers = new Headers();
        headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(lastSequences[subject]));
        headers.put("Nats-Msg-Id", UUID.randomUUID().toString());
        jetStream.publishAsync("bench-raw.s." + subject, headers, payload).whenComplete((ack, error) -> {
            if (error != null) {
                drained.countDown();
                throw new IllegalStateException("raw publish failed", error);
            }
            lastSequences[subject] = ack.getSeqno();
            completed.increment();
            if (stop.get()) {
                drained.countDown();
            } else {
                publishNext(subject, completed, stop, drained);
            }
        });
    }

    @Override
    public void close() throws Exception {
        management.deleteStream(STREAM);
    }
}
