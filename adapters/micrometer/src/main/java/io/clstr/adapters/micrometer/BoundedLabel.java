package io.clstr.adapters.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distinct values one label (such as {@code message_type}) may take, shared by every meter that carries
 * the label. The first {@code limit} values are admitted; later ones are refused, so a bug upstream (an id
 * passed as a message type) costs one {@value #OTHER} series instead of millions.
 */
final class BoundedLabel {

    /** The value that stands for every value refused by the limit, and for a missing (null) value. */
    static final String OTHER = "other";

    private static final Logger LOG = LoggerFactory.getLogger(BoundedLabel.class);

    private final String name;
    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private int count;
    private volatile boolean full;

    BoundedLabel(String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a label needs room for at least one value, got " + limit);
        }
        this.name = name;
        this.limit = limit;
    }

    String name() {
        return name;
    }

    /** The value itself if it is (or can still be) admitted, otherwise {@value #OTHER}. */
    String admit(String value) {
        String admittedValue = tryAdmit(value);
        return admittedValue != null ? admittedValue : OTHER;
    }

    /** The value itself if it is (or can still be) admitted, otherwise null. */
    String tryAdmit(String value) {
        if (value == null) {
            return null;
        }
        if (admitted.contains(value)) {
            return value;
        }
        // Once full, refusals take no lock: a runaway label is exactly when this path runs hot.
        return full ? null : admitUnderLock(value);
    }

    private synchronized String admitUnderLock(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        if (count >= limit) {
            if (!full) {
                full = true;
                LOG.warn("Metric label '{}' reached its limit of {} distinct values; further values are reported"
                        + " as '{}'. A label value probably carries an id.", name, limit, OTHER);
            }
            return null;
        }
        admitted.add(value);
        count++;
        return value;
    }
}
