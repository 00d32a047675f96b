package io.clstr.adapters.nats.internal;

import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueException;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.support.NatsKeyValueUtil;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch on a KV bucket: the last entry of every key under the prefix (deleted keys left out), then
 * "initial values done", then every later write and delete, in revision order.
 *
 * <p>Built on {@link OrderedFeed} rather than the client's own KV watch, whose end-of-initial-values signal
 * can overtake initial values still queued for delivery.
 */
public final class NatsKeyValueWatch implements KeyValueWatch, OrderedFeed.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(NatsKeyValueWatch.class);

    private final String keyPrefix;
    private final KeyValueListener listener;
    private final OrderedFeed feed;
    private boolean initialValuesDone;

    private NatsKeyValueWatch(Connection connection, JetStream jetStream, String bucket, KeyValueListener listener,
            Duration heartbeat, Executor callbacks, Function<Runnable, Runnable> whenClosed) {
        this.keyPrefix = NatsKeyValueUtil.toKeyPrefix(bucket);
        this.listener = listener;
        this.feed = new OrderedFeed(connection, jetStream, NatsKeyValueUtil.toStreamName(bucket), heartbeat,
                callbacks, whenClosed, KeyValueException::new, this);
    }

    /** Watches the keys under a port prefix ({@code ""} or whole segments ending in {@code /}). */
    public static NatsKeyValueWatch start(Connection connection, JetStream jetStream, String bucket, String prefix,
            KeyValueListener listener, Duration heartbeat, Executor callbacks,
            Function<Runnable, Runnable> whenClosed) {
        String filter = NatsKeyValueUtil.toKeyPrefix(bucket) + KeyCodec.toFilter(prefix);
        NatsKeyValueWatch watch =
                new NatsKeyValueWatch(connection, jetStream, bucket, listener, heartbeat, callbacks, whenClosed);
        watch.feed.start(new OrderedFeed.Start(filter, 1, true));
        return watch;
    }

    @Override
    public void message(Message message) {
        KeyValueOperation operation = NatsKeyValueUtil.getOperation(message.getHeaders());
        boolean written = operation == KeyValueOperation.PUT;
        if (!written && !initialValuesDone) {
            return;
        }
        NatsJetStreamMetaData meta = message.metaData();
        String key = KeyCodec.fromNatsKey(message.getSubject().substring(keyPrefix.length()));
        long revision = meta.streamSequence();
        Optional<KeyValueEntry> entry = written
                ? Optional.of(new KeyValueEntry(key, valueOf(message), revision, meta.timestamp().toInstant()))
                : Optional.empty();
        listener.onChange(new KeyValueChange(key, entry, revision));
    }

    @Override
    public void caughtUp() {
        initialValuesDone = true;
        listener.onInitialValuesDone();
    }

    @Override
    public void failed(Throwable error) {
        LOG.warn("a key-value watch ended", error);
    }

    @Override
    public void close() {
        feed.close();
    }

    static byte[] valueOf(Message message) {
        byte[] data = message.getData();
        return data == null ? new byte[0] : data;
    }
}
