package io.clstr.bootstrap.loadtest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load test's proof: every acknowledged increment is stored exactly once. For each counter it
 * compares what the clients saw acknowledged with what the event store holds: the number of events,
 * versions 1..n without gaps, and no command id stored twice.
 */
public final class Verification {

    /** One stored event of a counter: its version, the command that caused it, and its commit position. */
    public record StoredIncrement(long version, String commandId, long position) {
    }

    /**
     * The outcome.
     *
     * @param acknowledged increments the clients saw acknowledged
     * @param stored increment events in the store
     * @param appends commits (appends) those events arrived in: fewer than {@code stored} means group commit
     * @param problems every discrepancy found, empty when verified
     */
    public record Result(long acknowledged, long stored, long appends, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean verified() {
            return problems.isEmpty();
        }
    }

    private Verification() {
    }

    /**
     * @param acknowledged acknowledged increments per counter id
     * @param stored the stored events per counter id, in version order
     * @param unresolved increments still unacknowledged when the test stopped (they may or may not be stored)
     */
    public static Result check(Map<String, Long> acknowledged, Map<String, List<StoredIncrement>> stored,
            long unresolved) {
        List<String> problems = new ArrayList<>();
        Set<String> counters = new HashSet<>(acknowledged.keySet());
        counters.addAll(stored.keySet());
        long totalAcknowledged = 0;
        long totalStored = 0;
        long appends = 0;
        for (String counter : counters) {
            long acked = acknowledged.getOrDefault(counter, 0L);
            List<StoredIncrement> events = stored.getOrDefault(counter, List.of());
            totalAcknowledged += acked;
            totalStored += events.size();
            Set<String> commandIds = new HashSet<>();
            long previousPosition = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                StoredIncrement event = events.get(i);
                if (event.version() != i + 1) {
                    problems.add(counter + ": expected version " + (i + 1) + " but found " + event.version());
                }
                if (event.commandId() == null || !commandIds.add(event.commandId())) {
                    problems.add(counter + ": command " + event.commandId() + " is stored more than once");
                }
                if (event.position() != previousPosition) {
                    appends++;
                    previousPosition = event.position();
                }
            }
            if (unresolved == 0 && events.size() != acked) {
                problems.add(counter + ": " + acked + " increments acknowledged but " + events.size() + " stored");
            }
        }
        if (unresolved > 0 && (totalStored < totalAcknowledged || totalStored > totalAcknowledged + unresolved)) {
            problems.add("stored " + totalStored + " increments, outside acknowledged " + totalAcknowledged
                    + " plus " + unresolved + " unresolved");
        }
        return new Result(totalAcknowledged, totalStored, appends, problems);
    }

    /** The check for targets whose event streams cannot be read: the counters' values against the acknowledgements. */
    public static Result checkValues(Map<String, Long> acknowledged, Map<String, Long> values, long unresolved) {
        List<String> problems = new ArrayList<>();
        long totalAcknowledged = 0;
        long totalValues = 0;
        Set<String> counters = new HashSet<>(acknowledged.keySet());
        counters.addAll(values.keySet());
        for (String counter : counters) {
            long acked = acknowledged.getOrDefault(counter, 0L);
            long value = values.getOrDefault(counter, 0L);
            totalAcknowledged += acked;
            totalValues += value;
            if (unresolved == 0 && acked != value) {
                problems.add(counter + ": " + acked + " increments acknowledged but the value is " + value);
            }
        }
        if (unresolved > 0 && (totalValues < totalAcknowledged || totalValues > totalAcknowledged + unresolved)) {
            problems.add("counters sum to " + totalValues + ", outside acknowledged " + totalAcknowledged + " plus "
                    + unresolved + " unresolved");
        }
        return new Result(totalAcknowledged, totalValues, -1, problems);
    }
}
