package io.clstr.adapters.micrometer;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.clstr.ports.out.metrics.ActorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.function.LongSupplier;

/**
 * {@link ActorMetrics} as {@code clstr_actor_*} meters; see {@link MetricNames}. Mailbox meters carry
 * {@code actor_group} where clstr-go had the unbounded {@code actor_id}. The counters alerts watch exist at 0
 * from the first sign of their label value: rejections from a group's registration, panics from a message
 * type's first message.
 */
final class MicrometerActorMetrics implements ActorMetrics {

    private static final String ACTOR_GROUP = "actor_group";

    private final MetersByLabel<TimedOutcomes> messages;
    private final MetersByLabel<Counter> panics;
    private final MetersByLabel<Counter> mailboxRejections;
    private final GaugeFamily mailboxDepth;
    private final GaugeFamily schedulerInflight;
    private final Timer taskDuration;
    private final ByBoolean<Counter> tasks;

    MicrometerActorMetrics(MeterFactory meters) {
        panics = meters.byLabel(TimedOutcomes.MESSAGE_TYPE, type -> meters.counter("clstr.actor.panics",
                "Messages whose handler threw", TimedOutcomes.MESSAGE_TYPE, type));
        messages = TimedOutcomes.byMessageType(meters,
                "clstr.actor.message.duration", "An actor handling one message",
                "clstr.actor.messages", "Messages handled by actors", panics::get);
        mailboxRejections = meters.byLabel(ACTOR_GROUP, group -> meters.counter("clstr.actor.mailbox.rejections",
                "Messages refused because the mailbox was full", ACTOR_GROUP, group));
        mailboxDepth = meters.gauges("clstr.actor.mailbox.depth", "Messages queued in a group's mailboxes",
                ACTOR_GROUP);
        schedulerInflight = meters.gauges("clstr.actor.scheduler.inflight", "Background tasks running",
                "scheduler");
        taskDuration = meters.latency("clstr.actor.scheduler.task.duration", "A background task");
        tasks = ByBoolean.of(success -> meters.counter("clstr.actor.scheduler.tasks", "Background tasks finished",
                "success", success));
    }

    @Override
    public void messageHandled(String messageType, boolean success, long nanos) {
        messages.get(messageType).record(success, nanos);
    }

    @Override
    public void handlerFailed(String messageType) {
        panics.get(messageType).increment();
    }

    @Override
    public void mailboxRejected(String group) {
        mailboxRejections.get(group).increment();
    }

    /** Also the first sign of a group: its rejections read 0 from now on, not "no data". */
    @Override
    public void registerMailboxDepth(String group, LongSupplier depth) {
        mailboxDepth.register(group, depth);
        mailboxRejections.get(group);
    }

    @Override
    public void registerSchedulerInflight(String scheduler, LongSupplier inflight) {
        schedulerInflight.register(scheduler, inflight);
    }

    @Override
    public void taskCompleted(boolean success, long nanos) {
        taskDuration.record(nanos, NANOSECONDS);
        tasks.get(success).increment();
    }
}
