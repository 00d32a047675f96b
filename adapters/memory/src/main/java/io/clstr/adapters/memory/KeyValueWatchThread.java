package io.clstr.adapters.memory;

import io.clstr.ports.out.keyvalue.KeyValueChange;
import io.clstr.ports.out.keyvalue.KeyValueEntry;
import io.clstr.ports.out.keyvalue.KeyValueListener;
import io.clstr.ports.out.keyvalue.KeyValueWatch;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * A watch of an {@link InMemoryKeyValueStore}: on its own thread, reports the entries present when it started,
 * then follows the store's change list from the change that was last at that moment.
 */
final class KeyValueWatchThread extends DeliveryThread implements KeyValueWatch {

    private static final System.Logger LOG = System.getLogger(KeyValueWatchThread.class.getName());

    /** One write or delete, linked to the next one once that happens. */
    static final class Change {
        final KeyValueChange change;
        volatile Change next;

        Change(KeyValueChange change) {
            this.change = change;
        }
    }

    private final String prefix;
    private final KeyValueListener listener;
    private List<KeyValueEntry> initialEntries;
    private Change last;

    KeyValueWatchThread(Wakeups wakeups, String prefix, KeyValueListener listener, List<KeyValueEntry> initialEntries,
            Change last) {
        super("kv-watch", wakeups);
        this.prefix = prefix;
        this.listener = listener;
        this.initialEntries = initialEntries;
        this.last = last;
    }

    @Override
    void deliver() {
        for (KeyValueEntry entry : initialEntries) {
            KeyValueChange change = new KeyValueChange(entry.key(), Optional.of(entry), entry.revision());
            if (!call(() -> listener.onChange(change))) {
                return;
            }
        }
        initialEntries = null;
        if (!call(listener::onInitialValuesDone)) {
            return;
        }
        while (!isClosed()) {
            Change next = last.next;
            if (next == null) {
                Change current = last;
                if (!sleepUnless(() -> current.next != null)) {
                    return;
                }
                continue;
            }
            // Moving on lets the garbage collector take changes every watch has passed.
            last = next;
            KeyValueChange change = next.change;
            if (change.key().startsWith(prefix) && !call(() -> listener.onChange(change))) {
                return;
            }
        }
    }

    @Override
    void released() {
        // A closed watch that its owner still references must not hold on to later changes.
        initialEntries = null;
        last = null;
    }

    @Override
    void failed(Throwable failure) {
        // The port's listener has no error callback: the watch ends and says why.
        LOG.log(Level.WARNING, "key-value watch " + threadName() + " on prefix '" + prefix
                + "' stopped because its listener failed", failure);
    }
}
