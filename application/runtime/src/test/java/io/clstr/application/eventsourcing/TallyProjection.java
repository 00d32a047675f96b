package io.clstr.application.eventsourcing;

import io.clstr.domain.kernel.testing.CountAggregate;
import io.clstr.domain.kernel.testing.CountEvent;
import io.clstr.domain.kernel.AggregateType;
import io.clstr.ports.out.codec.Codec;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test projection over counters: an idempotent read model ({@link KeyValueReadModel}) of one {@link Tally}
 * per counter, which lists every version it applied, so a test can prove each event took effect exactly once.
 * It also records every commit it was handed, can be told to fail on some commits, and can hold a commit.
 */
final class TallyProjection implements Projection {

    /** A counter's total and every version applied to it, in order. */
    record Tally(String counterId, long total, List<Long> versions, long version) {
        Tally {
            versions = List.copyOf(versions);
        }

        Tally plus(long amount, long eventVersion) {
            List<Long> applied = new ArrayList<>(versions);
            applied.add(eventVersion);
            return new Tally(counterId, total + amount, applied, eventVersion);
        }
    }

    static final String STORED_NAME = "test.tally.v1";

    private final String name;
    private final KeyValueReadModel<Tally> tallies;
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final List<ProjectionCommit> applied = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile Predicate<ProjectionCommit> failing = commit -> false;
    private volatile long holdAt = -1;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    TallyProjection(String name, KeyValueStore store, Codec codec) {
        this.name = name;
        this.tallies = new KeyValueReadModel<>(store, codec, "tallies/" + name, Tally.class, Tally::version);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<AggregateType> aggregateTypes() {
        return Set.of(CountAggregate.TYPE);
    }

    @Override
    public void apply(ProjectionCommit commit) {
        attempts.incrementAndGet();
        if (commit.position() == holdAt) {
            held.countDown();
            await(release);
        }
        if (failing.test(commit)) {
            throw new IllegalStateException("injected failure at position " + commit.position());
        }
        delivered.add(commit.position());
        applied.add(commit);
        tallies.apply(commit, (tally, event) -> {
            long amount = ((CountEvent.Incremented) event.event()).amount();
            Tally current = tally == null ? new Tally(event.stream().id(), 0, List.of(), 0) : tally;
            return current.plus(amount, event.version());
        });
    }

    @Override
    public void reset() {
        resets.incrementAndGet();
        tallies.clear();
    }

    /** From now on, commits matching this fail (null: none). */
    void failWhen(Predicate<ProjectionCommit> condition) {
        this.failing = condition == null ? commit -> false : condition;
    }

    /** The next apply of the commit at this position blocks until {@link #releaseHeld()}. */
    void holdAt(long position) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdAt = position;
    }

    boolean awaitHeld() {
        try {
            return held.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void releaseHeld() {
        holdAt = -1;
        release.countDown();
    }

    /** Positions of the commits applied successfully, in the order they were handed over. */
    List<Long> delivered() {
        return List.copyOf(delivered);
    }

    List<ProjectionCommit> applied() {
        return List.copyOf(applied);
    }

    /** Calls of apply, failed ones included. */
    int attempts() {
        return attempts.get();
    }

    int resets() {
        return resets.get();
    }

    KeyValueReadModel<Tally> readModel() {
        return tallies;
    }

    /** Every tally, by counter id. */
    Map<String, Tally> tallies() {
        Map<String, Tally> all = new LinkedHashMap<>();
        for (String id : tallies.ids()) {
            tallies.get(id).ifPresent(tally -> all.put(tally.counterId(), tally)); // absent: deleted since listed
        }
        return all;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held commit was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
