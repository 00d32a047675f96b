package io.clstr.adapters.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.AggregateType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentRecordingTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 20_000;
    private static final int TYPES = 10;

    @Test
    void counts_exactly_when_many_threads_record_and_create_meters_at_once() throws Exception {
        MetricsFixture fixture = new MetricsFixture();
        AggregateType order = AggregateType.of("order");

        runOnManyThreads(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                String type = "type-" + (i % TYPES);
                fixture.metrics.actors().messageHandled(type, i % 4 != 0, 1_000);
                fixture.metrics.cluster().retry(type);
                fixture.metrics.eventSourcing().eventsAppended(order, 2);
                fixture.metrics.http().request("GET", "/orders/{id}", 200 + i % 2, 1_000);
            }
        });

        PrometheusText scrape = fixture.scrape();
        double perType = THREADS * CALLS_PER_THREAD / (double) TYPES;
        for (int t = 0; t < TYPES; t++) {
            String type = "type-" + t;
            assertThat(scrape.value(MetricNames.ACTOR_MESSAGE_DURATION + "_count", "message_type", type))
                    .isEqualTo(perType);
            assertThat(scrape.value(MetricNames.ACTOR_MESSAGES, "message_type", type, "success", "true")
                    + scrape.value(MetricNames.ACTOR_MESSAGES, "message_type", type, "success", "false"))
                    .isEqualTo(perType);
            assertThat(scrape.value(MetricNames.CLUSTER_RETRIES, "message_type", type))
                    .isEqualTo(perType);
        }
        assertThat(scrape.value(MetricNames.ES_EVENTS_APPENDED, "aggregate_type", "order"))
                .isEqualTo(2.0 * THREADS * CALLS_PER_THREAD);
        assertThat(scrape.value(MetricNames.HTTP_SERVER_REQUESTS + "_count",
                "method", "GET", "uri", "/orders/{id}", "status", "201", "outcome", "SUCCESS"))
                .isEqualTo(THREADS * CALLS_PER_THREAD / 2.0);
    }

    @Test
    void admits_exactly_the_limit_when_threads_race_with_new_values() throws Exception {
        int limit = 50;
        MetricsFixture fixture = new MetricsFixture(limit);

        runOnManyThreads(thread -> {
            for (int i = 0; i < 200; i++) {
                fixture.metrics.actors().handlerFailed("type-" + ((i * 7 + thread * 13) % 200));
            }
        });

        PrometheusText scrape = fixture.scrape();
        List<PrometheusText.Sample> series = scrape.samples(MetricNames.ACTOR_PANICS);
        assertThat(series).hasSize(limit + 1);
        assertThat(series.stream().mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(THREADS * 200.0);
    }

    private interface Work {
        void run(int thread);
    }

    private static void runOnManyThreads(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await();
                    work.run(thread);
                    return null;
                };
                done.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
