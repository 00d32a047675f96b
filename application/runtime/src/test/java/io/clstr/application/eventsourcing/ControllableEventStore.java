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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event store for tests: delegates to a real one, counts appends, and can hold appends back (to
 * let commands pile up behind one in flight), then let them through or fail them, or fail the next ones.
 */
public final class ControllableEventStore implements EventStore {

    private final AtomicLong eventsRead = new AtomicLong();

    private final EventStore delegate;
    private final AtomicInteger appends = new AtomicInteger();
    private final AtomicInteger versionLookups = new AtomicInteger();
    private final AtomicInteger streamReads = new AtomicInteger();
    private final Queue<Held> held = new ArrayDeque<>();
    private final Queue<RuntimeException> failures = new ArrayDeque<>();
    private boolean holding;

    /** An append held back: what runs it, and its caller's stage. */
    private record Held(Runnable run, CompletableFuture<AppendResult> result) {
    }

    public ControllableEventStore(EventStore delegate) {
        this.delegate = delegate;
    }

    public int appends() {
        return appends.get();
    }

    /** From now on appends wait until {@link #release()} or {@link #failHeld}. */
    public synchronized void hold() {
        holding = true;
    }

    /** Lets every held append through and stops holding. */
    public void release() {
        takeHeld().forEach(append -> append.run().run());
    }

    /** Fails every held append with {@code error}, storing nothing, and stops holding. */
    public void failHeld(RuntimeException error) {
        takeHeld().forEach(append -> append.result().completeExceptionally(error));
    }

    private synchronized Queue<Held> takeHeld() {
        holding = false;
        Queue<Held> taken = new ArrayDeque<>(held);
        held.clear();
        return taken;
    }

    public synchronized int heldCount() {
        return held.size();
    }

    /** The next append fails with this error (without reaching the store). */
    public synchronized void failNextAppend(RuntimeException error) {
        failures.add(error);
    }

    @Override
    public CompletionStage<AppendResult> append(StreamId stream, ExpectedVersion expected, List<EventData> events,
            String commitId) {
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        Runnable run = () -> {
            appends.incrementAndGet();
            delegate.append(stream, expected, events, commitId).whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(r);
                }
            });
        };
        synchronized (this) {
            RuntimeException failure = failures.poll();
            if (failure != null) {
                result.completeExceptionally(failure);
                return result;
            }
            if (holding) {
                held.add(new Held(run, result));
                return result;
            }
        }
        run.run();
        return result;
    }

    @Override
    public long maxAppendBytes() {
        return delegate.maxAppendBytes();
    }

    @Override
    public CompletionStage<List<RecordedEvent>> readStream(StreamId stream, long fromVersion, long toVersion) {
        streamReads.incrementAndGet();
        return delegate.readStream(stream, fromVersion, toVersion).thenApply(events -> {
            eventsRead.addAndGet(events.size());
            return events;
        });
    }

    @Override
    public CompletionStage<Long> streamVersion(StreamId stream) {
        versionLookups.incrementAndGet();
        return delegate.streamVersion(stream);
    }

    /** How many times a stream's version was asked for. */
    public int versionLookups() {
        return versionLookups.get();
    }

    /** How many reads of single streams were made so far. */
    public int streamReads() {
        return streamReads.get();
    }

    /** How many events reads of single streams returned so far. */
    public long eventsRead() {
        return eventsRead.get();
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
