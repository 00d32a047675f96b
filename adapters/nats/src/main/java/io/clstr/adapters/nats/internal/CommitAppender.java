package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.AppendResult;
import io.clstr.ports.out.eventstore.ConcurrencyConflictException;
import io.clstr.ports.out.eventstore.EventStoreException;
import io.clstr.ports.out.eventstore.ExpectedVersion;
import io.clstr.ports.out.eventstore.StreamId;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends one commit as one JetStream message, conflict-checked by the server through the aggregate's last
 * sequence.
 *
 * <p>When the stream head is cached (the writer appended or read it before), an append is a single
 * asynchronous publish, so many appends can be in flight. Otherwise the head is learnt first with one direct
 * get. A wrong sequence (10071) is a conflict, and the cached head is dropped. {@link ExpectedVersion.Any}
 * retries with a fresh head, so its versions stay gap-free. A retried commit id inside the server's duplicate
 * window comes back as a duplicate acknowledgement, and the original commit is reported.
 *
 * <p>An append whose outcome is unknown (no acknowledgement in time, the connection dropped, the stream elected a
 * new leader) is sent again, unchanged, for up to half the duplicate window: the server's duplicate check keeps
 * one copy, and the caller gets a definite answer. Failing it up instead would let the caller decide anew and
 * append a different commit while the first one may still wait in the new leader's log; NATS 2.9 checks the
 * expected subject sequence only against what it has applied, so both would be stored.
 *
 * <p>For the same reason an append waits while an earlier append to the same stream is still unsettled. One
 * writer has one append in flight per stream, so this only happens when a new writer took over (an entity
 * activated again after its shard was released while NATS was unreachable) and would otherwise race the old
 * writer's resends with a different commit at the same version.
 */
public final class CommitAppender {

    private static final int MAX_ATTEMPTS_AT_ANY_VERSION = 32;
    private static final long FIRST_RESEND_DELAY_MILLIS = 50;
    private static final long MAX_RESEND_DELAY_MILLIS = 1_000;
    /**
     * How long a resent commit waits for its acknowledgement before it is sent once more. A new leader drops
     * what it gets while it still catches up, so waiting out the whole publish timeout would stall every writer.
     */
    private static final long RESENT_ACK_WAIT_MILLIS = 1_000;

    private final JetStream jetStream;
    private final EventSubjects subjects;
    private final CommitFetcher fetcher;
    private final StreamHeads heads;
    private final Executor callbacks;
    private final ScheduledExecutorService timers;
    private final long resendForNanos;
    private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
    /** The latest append to each stream until it is settled: the next append to that stream starts after it. */
    private final Map<StreamId, CompletableFuture<AppendResult>> latestByStream = new ConcurrentHashMap<>();

    /** {@code resendFor} must stay within the stream's duplicate window, so that a resent commit is stored once. */
    public CommitAppender(JetStream jetStream, EventSubjects subjects, CommitFetcher fetcher, StreamHeads heads,
            Executor callbacks, ScheduledExecutorService timers, Duration resendFor) {
        this.jetStream = jetStream;
        this.subjects = subjects;
        this.fetcher = fetcher;
        this.heads = heads;
        this.callbacks = callbacks;
        this.timers = timers;
        this.resendForNanos = resendFor.toNanos();
    }

    public CompletableFuture<AppendResult> append(StreamId stream, ExpectedVersion expected, int eventCount,
            byte[] events, String commitId) {
        StreamHeads.Known known = heads.get(stream);
        String subject = known != null ? known.subject() : subjects.of(stream);
        Attempt attempt = new Attempt(stream, subject, expected, eventCount, events, commitId);
        CompletableFuture<AppendResult> earlier = latestByStream.put(stream, attempt.result);
        inFlight.add(attempt);
        attempt.result.whenComplete((done, error) -> {
            inFlight.remove(attempt);
            latestByStream.remove(stream, attempt.result);
        });
        if (earlier == null) {
            attempt.start(known);
        } else {
            earlier.whenComplete((done, error) -> attempt.start(heads.get(stream)));
        }
        return attempt.result;
    }

    /**
     * Sends every append in flight again now: the connection dropped (the copy goes out first once it is back), or
     * the stream has a new leader (appends sent to the old one will never be acknowledged). Waiting for the publish
     * timeout instead would add up to that timeout to every election.
     */
    public void resendInFlight() {
        inFlight.forEach(Attempt::resendNow);
    }

    /**
     * Whether the server may have stored the commit: no answer came. An error answer (a JetStream API error)
     * or a closed connection is definite.
     */
    private static boolean outcomeUnknown(Throwable error) {
        Throwable cause = Failures.unwrap(error);
        return !(cause instanceof JetStreamApiException) && !(cause instanceof IllegalStateException);
    }

    private final class Attempt {

        private final StreamId stream;
        private final String subject;
        private final ExpectedVersion expected;
        private final int eventCount;
        private final byte[] events;
        private final String commitId;
        private final CompletableFuture<AppendResult> result = new CompletableFuture<>();
        private int attempts;
        /** The head of the commit being sent, once it is; guarded by this attempt, as are the three below. */
        private StreamHead sending;
        private int sends;
        private int sendsOfHead;
        private long firstSentNanos;

        Attempt(StreamId stream, String subject, ExpectedVersion expected, int eventCount, byte[] events,
                String commitId) {
            this.stream = stream;
            this.subject = subject;
            this.expected = expected;
            this.eventCount = eventCount;
            this.events = events;
            this.commitId = commitId;
        }

        void start(StreamHeads.Known known) {
            StreamHead cached = known == null ? null : known.head();
            if (expected instanceof ExpectedVersion.Exactly exactly) {
                long version = exactly.version();
                if (version == 0) {
                    // A new aggregate needs no head: "last sequence 0" is checked by the server.
                    publish(StreamHead.EMPTY);
                } else if (cached != null && cached.version() == version) {
                    publish(cached);
                } else {
                    learnHead().thenAccept(this::onHeadForExactVersion).exceptionally(this::fail);
                }
            } else if (cached != null) {
                publish(cached);
            } else {
                learnHead().thenAccept(this::publish).exceptionally(this::fail);
            }
        }

        private void onHeadForExactVersion(StreamHead head) {
            long version = ((ExpectedVersion.Exactly) expected).version();
            if (head.version() == version) {
                publish(head);
            } else if (head.version() > version) {
                probeForEarlierSuccess(head);
            } else {
                conflict("the stream is at version " + head.version());
            }
        }

        /** The head from the stream leader: a replica may lag behind by up to a tenth of the stream. */
        private CompletableFuture<StreamHead> learnHead() {
            return fetcher.lastFromLeader(subject).thenApply(commit -> {
                if (commit == null) {
                    return StreamHead.EMPTY;
                }
                StreamHead head = StreamHead.of(commit);
                heads.offer(stream, subject, head);
                return head;
            });
        }

        private void publish(StreamHead head) {
            attempts++;
            sendCommit(head, 0);
        }

        /**
         * Sends the commit. Only the latest send's failure counts (an earlier one's is stale), while any
         * acknowledgement is the answer.
         */
        private void sendCommit(StreamHead head, int resends) {
            int generation;
            boolean resent;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                if (sending != head) {
                    firstSentNanos = System.nanoTime();
                    sendsOfHead = 0;
                }
                sending = head;
                generation = ++sends;
                resent = ++sendsOfHead > 1;
            }
            if (resends > 0) {
                schedule(() -> resendIfLatest(generation, resends + 1), RESENT_ACK_WAIT_MILLIS);
            }
            send(head.sequence(), head).whenComplete((ack, error) -> {
                if (error == null) {
                    accepted(head, ack);
                } else if (!isLatestSend(generation)) {
                    return;
                } else if (Failures.apiErrorCode(error) == Failures.WRONG_LAST_SEQUENCE && resent) {
                    heads.forget(stream, head);
                    checkEarlierSendStored();
                } else if (Failures.apiErrorCode(error) == Failures.WRONG_LAST_SEQUENCE) {
                    heads.forget(stream, head);
                    if (expected instanceof ExpectedVersion.Any && attempts < MAX_ATTEMPTS_AT_ANY_VERSION) {
                        learnHead().thenAccept(this::publish).exceptionally(this::fail);
                    } else {
                        conflict("another commit came first");
                    }
                } else if (outcomeUnknown(error) && withinResendWindow()) {
                    long delay = Math.min(MAX_RESEND_DELAY_MILLIS, FIRST_RESEND_DELAY_MILLIS << Math.min(resends, 10));
                    schedule(() -> resendIfLatest(generation, resends + 1), delay);
                } else {
                    fail(error);
                }
            });
        }

        /**
         * A resent commit met a moved subject: an earlier send may be what moved it (the server does not always
         * answer "duplicate" for a commit id stored under the previous leader). The subject's last commit, read
         * from the leader, tells: if it carries this commit id, this append succeeded.
         */
        private void checkEarlierSendStored() {
            fetcher.lastFromLeader(subject).thenAccept(last -> {
                if (last != null && commitId.equals(last.commitId())) {
                    heads.offer(stream, subject, StreamHead.of(last));
                    complete(new AppendResult(last.lastVersion(), last.sequence()));
                } else if (expected instanceof ExpectedVersion.Any && attempts < MAX_ATTEMPTS_AT_ANY_VERSION) {
                    learnHead().thenAccept(this::publish).exceptionally(this::fail);
                } else {
                    conflict("another commit came first");
                }
            }).exceptionally(this::fail);
        }

        /** Sends the commit again at once, if it is being sent (not while its head is being learnt). */
        void resendNow() {
            StreamHead head;
            synchronized (this) {
                head = sending;
            }
            if (head != null && withinResendWindow()) {
                sendCommit(head, 1);
            }
        }

        private void resendIfLatest(int generation, int resends) {
            StreamHead head;
            synchronized (this) {
                if (result.isDone() || !isLatestSend(generation)) {
                    return;
                }
                head = sending;
            }
            if (withinResendWindow()) {
                sendCommit(head, resends);
            } else {
                fail(new EventStoreException("no acknowledgement for commit " + commitId + " on " + stream
                        + " after resending it; it may or may not be stored (retry with the same commit id)"));
            }
        }

        private synchronized boolean isLatestSend(int generation) {
            return generation == sends;
        }

        private synchronized boolean withinResendWindow() {
            return System.nanoTime() - firstSentNanos < resendForNanos;
        }

        private void schedule(Runnable task, long delayMillis) {
            try {
                timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                fail(new EventStoreException("the NATS client is closing; commit " + commitId
                        + " may or may not be stored"));
            }
        }

        /**
         * The stream is past the expected version, which is a conflict unless this very commit was stored
         * earlier and the caller is retrying. Only the server's duplicate table knows: publish with an expected
         * sequence that cannot match (the subject's last sequence is at least the head's), so the server answers
         * "duplicate" for a stored commit id and "wrong last sequence" otherwise, and never stores it.
         */
        private void probeForEarlierSuccess(StreamHead head) {
            send(head.sequence() - 1, head).whenComplete((ack, error) -> {
                if (error == null && ack.isDuplicate()) {
                    reportEarlierCommit(ack.getSeqno());
                } else if (error == null) {
                    fail(new EventStoreException("commit " + commitId + " was stored at sequence " + ack.getSeqno()
                            + " past an expected version; were messages of " + subject + " removed?"));
                } else if (Failures.apiErrorCode(error) == Failures.WRONG_LAST_SEQUENCE) {
                    conflict("the stream is at version " + head.version());
                } else {
                    fail(error);
                }
            });
        }

        private CompletableFuture<PublishAck> send(long expectedLastSequence, StreamHead head) {
            try {
                return jetStream.publishAsync(subject,
                        CommitHeaders.forAppend(commitId, expectedLastSequence, head.version() + 1, eventCount),
                        CommitCodec.frame(head.linksForNext(), events));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void accepted(StreamHead head, PublishAck ack) {
            if (ack.isDuplicate()) {
                reportEarlierCommit(ack.getSeqno());
                return;
            }
            StreamHead next = head.advance(eventCount, ack.getSeqno());
            heads.offer(stream, subject, next);
            complete(new AppendResult(next.version(), next.sequence()));
        }

        /** A duplicate acknowledgement carries only the sequence; the versions are in the stored commit. */
        private void reportEarlierCommit(long sequence) {
            fetcher.at(sequence).thenAccept(commit -> {
                        if (commit == null || !commit.subject().equals(subject)) {
                            fail(new EventStoreException("commit " + commitId + " is a duplicate of sequence "
                                    + sequence + ", which is not a commit of " + stream));
                        } else {
                            complete(new AppendResult(commit.lastVersion(), commit.sequence()));
                        }
                    })
                    .exceptionally(this::fail);
        }

        private void conflict(String detail) {
            completeLater(() -> result.completeExceptionally(new ConcurrencyConflictException(stream, expected, detail)));
        }

        private void complete(AppendResult value) {
            completeLater(() -> result.complete(value));
        }

        private Void fail(Throwable error) {
            Throwable cause = Failures.unwrap(error);
            RuntimeException failure;
            if (cause instanceof EventStoreException known) {
                failure = known;
            } else if (cause instanceof TimeoutException) {
                failure = new EventStoreException("no acknowledgement for commit " + commitId + " on " + stream
                        + " in time; it may or may not be stored (retry with the same commit id)", cause);
            } else {
                failure = new EventStoreException("append of commit " + commitId + " to " + stream + " failed: "
                        + cause.getMessage() + " (it may or may not be stored; retry with the same commit id)", cause);
            }
            completeLater(() -> result.completeExceptionally(failure));
            return null;
        }

        private void completeLater(Runnable completion) {
            try {
                callbacks.execute(completion);
            } catch (RejectedExecutionException e) {
                completion.run();
            }
        }
    }
}
