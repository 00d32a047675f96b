package io.clstr.application.eventsourcing;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.CommitListener;
import io.clstr.ports.out.eventstore.EventData;
import io.clstr.ports.out.eventstore.EventFilter;
import io.clstr.ports.out.eventstore.EventStore;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.clstr.ports.out.eventstore.Subscription;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event store whose next append, once armed, blocks the thread that calls it (an entity's actor thread) until
 * {@link #unblock()}: messages to that actor then pile up in its mailbox.
 */
final class BlockingEventStore implements EventStore {

    private static final long MAX_BLOCK_SECONDS = 30;

    private final EventStore delegate;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    BlockingEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    void blockNextAppend() {
        armed.set(true);
    }

    /** Returns once an append is blocked. */
    void awaitBlocked() {
        awaitOrFail(entered);
    }

    void unblock() {
        released.countDown();
    }

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        if (armed.compareAndSet(true, false)) {
            entered.countDown();
            awaitOrFail(released);
        }
        return delegate.append(stream, expected, events, commitId);
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(MAX_BLOCK_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not get there within " + MAX_BLOCK_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long maxAppendBytes() {
        return delegate.maxAppendBytes();
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        return delegate.readStream(stream, fromVersion, toVersion);
    }

    @Override
    public CompletionStage<List<RecordedCommit>> readAll(long afterPosition, int maxCommits, EventFilter filter) {
        return delegate.readAll(afterPosition, maxCommits, filter);
    }

    @Override
    public Subscription subscribe(long afterPosition, EventFilter filter, CommitListener listener) {
        return delegate.subscribe(afterPosition, filter, listener);
    }
}
