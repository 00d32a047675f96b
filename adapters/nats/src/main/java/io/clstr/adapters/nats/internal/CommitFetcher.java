package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.EventStoreException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches single commit messages without a consumer, asynchronously: the last one of a subject or the one
 * at a sequence.
 *
 * <p>Direct gets ({@code $JS.API.DIRECT.GET}, stream option {@code allow_direct}) cost one round trip and no
 * server-side state, and any replica may answer, including one that is still catching up (NATS admits replicas
 * that are 90 % there). They serve commits by sequence, which never change: a replica either has one or not.
 * The last commit of a subject is always asked of the leader ({@code $JS.API.STREAM.MSG.GET}), as is a commit a
 * replica did not have.
 */
public final class CommitFetcher {

    private static final int NOT_FOUND = 404;
    private static final int NO_MESSAGE_FOUND = 10037;

    private final Connection connection;
    private final String stream;
    private final String directGet;
    private final String leaderGet;
    private final Duration timeout;

    public CommitFetcher(Connection connection, String stream, Duration timeout) {
        this.connection = connection;
        this.stream = stream;
        this.directGet = "$JS.API.DIRECT.GET." + stream;
        this.leaderGet = "$JS.API.STREAM.MSG.GET." + stream;
        this.timeout = timeout;
    }

    /**
     * The commit at a stream sequence, or {@code null} if there is none: from any replica, and from the leader when
     * the replica that answered did not have it yet.
     */
    public CompletableFuture<StoredCommit> at(long sequence) {
        return direct(directGet, ("{\"seq\":" + sequence + "}").getBytes(StandardCharsets.US_ASCII))
                .thenCompose(commit -> commit != null ? CompletableFuture.completedFuture(commit)
                        : atFromLeader(sequence));
    }

    /** The commit at a stream sequence on the leader's copy, or {@code null} if the leader has none there. */
    public CompletableFuture<StoredCommit> atFromLeader(long sequence) {
        return leader("{\"seq\":" + sequence + "}");
    }

    public CompletableFuture<StoredCommit> lastFromLeader(String subject) {
        return leader("{\"last_by_subj\":\"" + subject + "\"}");
    }

    private CompletableFuture<StoredCommit> direct(String apiSubject, byte[] request) {
        return request(apiSubject, request).thenApply(reply -> {
            if (reply.isStatusMessage()) {
                if (reply.getStatus().getCode() == NOT_FOUND) {
                    return null;
                }
                throw new EventStoreException("direct get on " + stream + " failed: " + reply.getStatus());
            }
            return StoredCommit.fromDirectGet(reply);
        });
    }

    private CompletableFuture<StoredCommit> leader(String request) {
        return request(leaderGet, request.getBytes(StandardCharsets.UTF_8)).thenApply(reply -> {
            MessageInfo info = new MessageInfo(reply);
            if (info.hasError()) {
                if (info.getApiErrorCode() == NO_MESSAGE_FOUND) {
                    return null;
                }
                throw new EventStoreException("message get on " + stream + " failed: " + info.getError());
            }
            return StoredCommit.fromMessageInfo(info);
        });
    }

    private CompletableFuture<Message> request(String apiSubject, byte[] body) {
        try {
            return connection.requestWithTimeout(apiSubject, null, body, timeout);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new EventStoreException("NATS connection unusable", e));
        }
    }
}
