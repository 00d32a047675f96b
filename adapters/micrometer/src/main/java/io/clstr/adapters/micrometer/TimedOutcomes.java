package io.clstr.adapters.micrometer;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.function.Consumer;

/**
 * The common pair for one {@code message_type}: a latency histogram by type and a counter by type and
 * {@code success}, as in {@code clstr_actor_message_duration_seconds} with {@code clstr_actor_messages_total}.
 */
record TimedOutcomes(Timer duration, ByBoolean<Counter> outcomes) {

    static final String MESSAGE_TYPE = "message_type";

    static MetersByLabel<TimedOutcomes> byMessageType(MeterFactory meters, String durationName,
            String durationDescription, String counterName, String counterDescription) {
        return byMessageType(meters, durationName, durationDescription, counterName, counterDescription, type -> { });
    }

    /**
     * @param alongside registers the meters of other families for a message type the first time it is seen, so
     *     that they read 0 rather than "no data" until their first event (panics, retries)
     */
    static MetersByLabel<TimedOutcomes> byMessageType(MeterFactory meters, String durationName,
            String durationDescription, String counterName, String counterDescription, Consumer<String> alongside) {
        return meters.byLabel(MESSAGE_TYPE, type -> {
            alongside.accept(type);
            return new TimedOutcomes(
                    meters.latency(durationName, durationDescription, MESSAGE_TYPE, type),
                    ByBoolean.of(success -> meters.counter(counterName, counterDescription,
                            MESSAGE_TYPE, type, "success", success)));
        });
    }

    void record(boolean success, long nanos) {
        duration.record(nanos, NANOSECONDS);
        outcomes.get(success).increment();
    }
}
