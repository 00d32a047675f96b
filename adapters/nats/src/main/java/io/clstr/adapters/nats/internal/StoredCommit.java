package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.eventstore.RecordedCommit;
import io.clstr.ports.out.eventstore.RecordedEvent;
import io.clstr.ports.out.eventstore.StreamId;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One commit message as read back: where it sits in the stream, which versions it holds, its links to
 * earlier commits of the same aggregate, and its still-encoded events.
 *
 * @param sequence the stream sequence, which is the commit's global position
 * @param commitId the id the writer gave the commit (its message id), or null if it has none
 * @param earlier sequences of earlier commits of the same subject, newest first (see {@link CommitCodec})
 */
public record StoredCommit(
        String subject,
        long sequence,
        String commitId,
        Instant recordedAt,
        long firstVersion,
        int eventCount,
        long[] earlier,
        byte[] body) {

    private static final String DIRECT_SEQUENCE = "Nats-Sequence";
    private static final String DIRECT_SUBJECT = "Nats-Subject";
    private static final String DIRECT_TIMESTAMP = "Nats-Time-Stamp";

    public long lastVersion() {
        return firstVersion + eventCount - 1;
    }

    public List<RecordedEvent> events(StreamId stream) {
        return CommitCodec.decode(body, stream, firstVersion, eventCount, sequence, recordedAt);
    }

    public RecordedCommit toRecordedCommit(StreamId stream) {
        return new RecordedCommit(stream, sequence, events(stream));
    }

    /** A reply of {@code $JS.API.DIRECT.GET}: the stored message with its place in extra headers. */
    public static StoredCommit fromDirectGet(Message reply) {
        Headers headers = reply.getHeaders();
        return of(headers.getFirst(DIRECT_SUBJECT), Long.parseLong(headers.getFirst(DIRECT_SEQUENCE)),
                parseTimestamp(headers.getFirst(DIRECT_TIMESTAMP)), headers, reply.getData());
    }

    /** A message delivered by a consumer, which carries its place in the reply subject. */
    public static StoredCommit fromDelivery(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        return of(message.getSubject(), meta.streamSequence(), meta.timestamp().toInstant(), message.getHeaders(),
                message.getData());
    }

    /** A reply of {@code $JS.API.STREAM.MSG.GET} (served by the stream leader). */
    public static StoredCommit fromMessageInfo(MessageInfo info) {
        return of(info.getSubject(), info.getSeq(), info.getTime().toInstant(), info.getHeaders(), info.getData());
    }

    private static StoredCommit of(String subject, long sequence, Instant recordedAt, Headers headers, byte[] body) {
        String range = headers == null ? null : headers.getFirst(CommitHeaders.COMMIT);
        if (range == null || body == null) {
            throw new MalformedFrameException("message " + sequence + " is not a clstr commit");
        }
        long[] versions = CommitHeaders.versionRange(range);
        return new StoredCommit(subject, sequence, headers.getFirst(CommitHeaders.MSG_ID), recordedAt, versions[0],
                (int) (versions[1] - versions[0] + 1), CommitCodec.links(body), body);
    }

    private static Instant parseTimestamp(String text) {
        if (text == null) {
            throw new MalformedFrameException("direct-get reply without a timestamp");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedFrameException("bad timestamp header: " + text);
        }
    }
}
