package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.ports.out.metrics.ActorMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MicrometerActorMetricsTest {

    private final MetricsFixture fixture = new MetricsFixture();
    private final ActorMetrics metrics = fixture.metrics.actors();

    @Test
    void records_handled_messages_by_type_and_outcome() {
        metrics.messageHandled("PlaceOrder", true, 2_000_000);
        metrics.messageHandled("PlaceOrder", true, 2_000_000);
        metrics.messageHandled("PlaceOrder", false, 30_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ACTOR_MESSAGES, "message_type", "PlaceOrder", "success", "true"))
                .isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.ACTOR_MESSAGES, "message_type", "PlaceOrder", "success", "false"))
                .isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.ACTOR_MESSAGE_DURATION + "_count", "message_type", "PlaceOrder"))
                .isEqualTo(3.0);
        assertThat(scrape.buckets(MetricNames.ACTOR_MESSAGE_DURATION, "message_type", "PlaceOrder"))
                .containsEntry(0.001, 0.0)
                .containsEntry(0.0025, 2.0)
                .containsEntry(0.025, 2.0)
                .containsEntry(0.05, 3.0);
    }

    @Test
    void counts_handler_failures_by_message_type() {
        metrics.handlerFailed("PlaceOrder");

        assertThat(fixture.scrape().value(MetricNames.ACTOR_PANICS, "message_type", "PlaceOrder")).isEqualTo(1.0);
    }

    @Test
    void counts_mailbox_rejections_and_reports_depth_by_actor_group() {
        AtomicLong depth = new AtomicLong(250);
        metrics.registerMailboxDepth("entity-order", depth::get);
        metrics.mailboxRejected("entity-order");
        metrics.mailboxRejected("entity-order");

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ACTOR_MAILBOX_REJECTIONS, "actor_group", "entity-order")).isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.ACTOR_MAILBOX_DEPTH, "actor_group", "entity-order")).isEqualTo(250.0);
        depth.set(0);
        assertThat(fixture.scrape().value(MetricNames.ACTOR_MAILBOX_DEPTH, "actor_group", "entity-order")).isZero();
    }

    @Test
    void reports_scheduler_inflight_tasks_and_finished_tasks_by_outcome() {
        AtomicLong inflight = new AtomicLong(3);
        metrics.registerSchedulerInflight("timers", inflight::get);
        metrics.taskCompleted(true, 1_000_000);
        metrics.taskCompleted(false, 1_000_000);
        metrics.taskCompleted(true, 1_000_000);

        PrometheusText scrape = fixture.scrape();
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_INFLIGHT, "scheduler", "timers")).isEqualTo(3.0);
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASKS, "success", "true")).isEqualTo(2.0);
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASKS, "success", "false")).isEqualTo(1.0);
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASK_DURATION + "_count")).isEqualTo(3.0);
        assertThat(scrape.buckets(MetricNames.ACTOR_SCHEDULER_TASK_DURATION)).containsEntry(0.001, 3.0);
    }

    @Test
    void shows_both_outcomes_at_zero_before_anything_happens() {
        PrometheusText scrape = fixture.scrape();

        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASKS, "success", "true")).isZero();
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASKS, "success", "false")).isZero();
        assertThat(scrape.value(MetricNames.ACTOR_SCHEDULER_TASK_DURATION + "_count")).isZero();
    }
}
