package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.keyvalue.KeyValueException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import io.nats.client.support.NatsKeyValueUtil;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a JetStream KV bucket, creating it (file storage) when it is missing; deletes one. */
public final class KeyValueBucket {

    private static final Logger LOG = LoggerFactory.getLogger(KeyValueBucket.class);
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int STREAM_NAME_IN_USE = 10058;

    private KeyValueBucket() {
    }

    /**
     * The bucket's KV handle.
     *
     * @param maxAge bucket-level max age, {@link Duration#ZERO} for none
     * @param history revisions kept per key
     */
    public static KeyValue open(Connection connection, String bucket, Duration maxAge, int replicas, int history,
            Duration requestTimeout) {
        try {
            KeyValueOptions options = KeyValueOptions.builder()
                    .jetStreamOptions(JetStreamOptions.builder().requestTimeout(requestTimeout).build())
                    .build();
            KeyValueManagement management = connection.keyValueManagement(options);
            KeyValueStatus status = StreamCreation.ensure(connection, NatsKeyValueUtil.toStreamName(bucket),
                    () -> find(management, bucket), () -> create(management, bucket, maxAge, replicas, history));
            if (!status.getTtl().equals(maxAge)) {
                management.update(KeyValueConfiguration.builder(status.getConfiguration()).ttl(maxAge).build());
                LOG.info("bucket {} existed with max age {}; changed it to {}", bucket, status.getTtl(), maxAge);
            }
            return connection.keyValue(bucket, options);
        } catch (IOException | JetStreamApiException e) {
            throw new KeyValueException("cannot open key-value bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the bucket and every entry in it; returns whether it existed. */
    public static boolean delete(Connection connection, String bucket) {
        try {
            connection.keyValueManagement().delete(bucket);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return false;
            }
            throw new KeyValueException("cannot delete key-value bucket " + bucket + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KeyValueException("cannot delete key-value bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    private static KeyValueStatus find(KeyValueManagement management, String bucket)
            throws IOException, JetStreamApiException {
        try {
            return management.getStatus(bucket);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static KeyValueStatus create(KeyValueManagement management, String bucket, Duration maxAge, int replicas,
            int history) throws IOException, JetStreamApiException {
        KeyValueConfiguration.Builder config = KeyValueConfiguration.builder()
                .name(bucket)
                .maxHistoryPerKey(history)
                .storageType(StorageType.File)
                .replicas(replicas);
        if (!maxAge.isZero()) {
            config.ttl(maxAge);
        }
        try {
            KeyValueStatus created = management.create(config.build());
            LOG.info("created key-value bucket {} (max age {}, {} replicas)", bucket,
                    maxAge.isZero() ? "none" : maxAge, replicas);
            return created;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
            return management.getStatus(bucket);
        }
    }
}
