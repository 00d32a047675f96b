package io.clstr.adapters.nats;

import io.clstr.adapters.nats.internal.ConsumerReads;
import io.clstr.adapters.nats.internal.Failures;
import io.clstr.adapters.nats.internal.KeyCodec;
import io.clstr.adapters.nats.internal.KeyValueBucket;
import io.clstr.adapters.nats.internal.NatsKeyValueWatch;
import io.clstr.ports.out.keyvalue.KeyExistsException;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueStore;
import io.clstr.ports.out.keyvalue.KeyValueUnreachableException;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import io.clstr.ports.out.keyvalue.WrongRevisionException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.MessageInfo;
import io.nats.client.support.NatsKeyValueUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-value port on one JetStream KV bucket (NATS 2.9 or later).
 *
 * <p>Each {@code /}-separated key segment becomes one NATS key token through a reversible encoding, so any
 * key the port accepts is stored and no two keys can collide. Revisions are the bucket stream's sequences;
 * compare-and-set uses the server's last-subject-sequence check. Reads ask the bucket stream's leader, so a
 * read sees every write acknowledged before it. Maximum age is the bucket's own max age
 * (entries removed by it produce no watch event on 2.9). Key listings use a headers-only ephemeral consumer
 * that is deleted right after. Watches report every write as long as they stay within the bucket's history
 * (see {@link NatsKeyValueSettings#history()}) of the writers.
 */
public final class NatsKeyValueStore implements KeyValueStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsKeyValueStore.class);
    private static final int NO_MESSAGE_FOUND = 10037;

    private final NatsClient client;
    private final String bucket;
    private final KeyValue keyValue;
    private final Dispatcher readDispatcher;
    private final ConsumerReads consumers;
    private final String keyPrefix;
    private final Duration watchHeartbeat;
    private final Duration requestTimeout;
    private final String streamName;
    private final String leaderGet;

    private NatsKeyValueStore(NatsClient client, String bucket, KeyValue keyValue, Duration requestTimeout) {
        this.client = client;
        this.bucket = bucket;
        this.keyValue = keyValue;
        this.requestTimeout = requestTimeout;
        this.keyPrefix = NatsKeyValueUtil.toKeyPrefix(bucket);
        this.streamName = NatsKeyValueUtil.toStreamName(bucket);
        this.leaderGet = "$JS.API.STREAM.MSG.GET." + streamName;
        this.readDispatcher = client.connection().createDispatcher();
        this.consumers = new ConsumerReads(client.connection(), readDispatcher, NatsKeyValueUtil.toStreamName(bucket),
                bucket + "-keys-", requestTimeout, client.timers(), client.callbacks(),
                KeyValueException::new);
        this.watchHeartbeat = Duration.ofSeconds(2);
    }

    /** Opens the bucket, creating it with the settings if it does not exist. */
    public static NatsKeyValueStore open(NatsClient client, String bucket, NatsKeyValueSettings settings) {
        Duration requestTimeout = settings.requestTimeout().orElse(client.requestTimeout());
        KeyValue keyValue = KeyValueBucket.open(client.connection(), bucket, settings.maxAge(), settings.replicas(),
                settings.history(), requestTimeout);
        return new NatsKeyValueStore(client, bucket, keyValue, requestTimeout);
    }

    /**
     * Deletes the bucket and every entry in it, for tools that clean up what they made (load tests); returns
     * whether it existed. Stores still open on it fail from then on.
     */
    public static boolean delete(NatsClient client, String bucket) {
        return KeyValueBucket.delete(client.connection(), bucket);
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public Optional<KeyValueEntry> get(String key) {
        String natsKey = KeyCodec.toNatsKey(key);
        try {
            io.nats.client.api.KeyValueEntry entry = latest(natsKey);
            return entry == null ? Optional.empty() : Optional.of(toEntry(key, entry));
        } catch (IOException | JetStreamApiException e) {
            throw failure("get", e);
        }
    }

    @Override
    public long put(String key, byte[] value) {
        String natsKey = KeyCodec.toNatsKey(key);
        Objects.requireNonNull(value, "value");
        try {
            return keyValue.put(natsKey, value);
        } catch (IOException | JetStreamApiException e) {
            throw failure("put", e);
        }
    }

    @Override
    public long create(String key, byte[] value) {
        String natsKey = KeyCodec.toNatsKey(key);
        Objects.requireNonNull(value, "value");
        try {
            return keyValue.create(natsKey, value);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == Failures.WRONG_LAST_SEQUENCE) {
                throw new KeyExistsException(key);
            }
            throw failure("create", e);
        } catch (IOException e) {
            throw failure("create", e);
        }
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        String natsKey = KeyCodec.toNatsKey(key);
        Objects.requireNonNull(value, "value");
        try {
            return keyValue.update(natsKey, value, expectedRevision);
        } catch (JetStreamApiException e) {
            throw wrongRevisionOr(key, expectedRevision, "update", e);
        } catch (IOException e) {
            throw failure("update", e);
        }
    }

    /** Writes a delete marker only for a present key, so watchers never see deletions of absent keys. */
    @Override
    public void delete(String key) {
        String natsKey = KeyCodec.toNatsKey(key);
        try {
            while (true) {
                io.nats.client.api.KeyValueEntry present = latest(natsKey);
                if (present == null) {
                    return;
                }
                try {
                    keyValue.delete(natsKey, present.getRevision());
                    return;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != Failures.WRONG_LAST_SEQUENCE) {
                        throw e;
                    }
                    // Written or deleted meanwhile: look again.
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public void delete(String key, long expectedRevision) {
        String natsKey = KeyCodec.toNatsKey(key);
        try {
            keyValue.delete(natsKey, expectedRevision);
        } catch (JetStreamApiException e) {
            throw wrongRevisionOr(key, expectedRevision, "delete", e);
        } catch (IOException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public List<String> keys(String prefix) {
        String filter = keyPrefix + KeyCodec.toFilter(prefix);
        try {
            List<String> keys = consumers.read(ConsumerReads.Request.lastHeadersPerSubject(filter),
                    new ConsumerReads.Collector<List<String>>() {
                        private final List<String> present = new ArrayList<>();

                        @Override
                        public boolean take(Message message) {
                            if (NatsKeyValueUtil.getOperation(message.getHeaders()) == KeyValueOperation.PUT) {
                                present.add(KeyCodec.fromNatsKey(message.getSubject().substring(keyPrefix.length())));
                            }
                            return false;
                        }

                        @Override
                        public List<String> result() {
                            return present;
                        }
                    }).get(requestTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            Collections.sort(keys);
            return keys;
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            throw cause instanceof KeyValueException known ? known : failure("list keys", cause);
        } catch (TimeoutException e) {
            throw failure("list keys", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("list keys", e);
        }
    }

    @Override
    public KeyValueWatch watch(String prefix, KeyValueListener listener) {
        Objects.requireNonNull(listener, "listener");
        return NatsKeyValueWatch.start(client.connection(), client.jetStream(), bucket, prefix, listener,
                watchHeartbeat, client.callbacks(), client::whenClosed);
    }

    /** Stops key listings; watches are closed by their owners. The shared client stays open. */
    @Override
    public void close() {
        try {
            client.connection().closeDispatcher(readDispatcher);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.debug("key-value reads already released", e);
        }
    }

    /**
     * The key's latest entry, or null when it is absent or deleted, asked of the bucket stream's leader: jnats
     * would use a direct get, which NATS lets a replica answer once it is 90 % caught up, so a read right after a
     * write (or after a server restart) could see an older value. Membership and leases cannot afford that.
     */
    private io.nats.client.api.KeyValueEntry latest(String natsKey) throws IOException, JetStreamApiException {
        byte[] request = ("{\"last_by_subj\":\"" + keyPrefix + natsKey + "\"}").getBytes(StandardCharsets.UTF_8);
        Message reply;
        try {
            reply = client.connection().requestWithTimeout(leaderGet, null, request, requestTimeout)
                    .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (TimeoutException | CancellationException e) {
            throw new IOException("no answer from the leader of " + streamName + " within " + requestTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + streamName, e);
        }
        MessageInfo info = new MessageInfo(reply);
        if (info.hasError()) {
            if (info.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw new JetStreamApiException(info);
        }
        io.nats.client.api.KeyValueEntry entry = new io.nats.client.api.KeyValueEntry(info);
        return entry.getOperation() == KeyValueOperation.PUT ? entry : null;
    }

    private static KeyValueEntry toEntry(String key, io.nats.client.api.KeyValueEntry entry) {
        byte[] value = entry.getValue();
        return new KeyValueEntry(key, value == null ? new byte[0] : value, entry.getRevision(),
                entry.getCreated().toInstant());
    }

    private RuntimeException wrongRevisionOr(String key, long expectedRevision, String operation,
            JetStreamApiException e) {
        if (e.getApiErrorCode() == Failures.WRONG_LAST_SEQUENCE) {
            return new WrongRevisionException(key, expectedRevision);
        }
        return failure(operation, e);
    }

    /** A failure while not connected to any server is told apart: the store was not reached at all. */
    private KeyValueException failure(String operation, Throwable cause) {
        String message = operation + " on bucket " + bucket + " failed: " + cause.getMessage();
        return client.connection().getStatus() == Connection.Status.CONNECTED
                ? new KeyValueException(message, cause)
                : new KeyValueUnreachableException(message + " (not connected to NATS)", cause);
    }
}
