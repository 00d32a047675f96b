package io.clstr.adapters.memory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer behind every in-memory request timeout in the JVM: a single daemon thread
 * ({@code clstr-memory-request-timeouts}) that exists only while timeouts are pending. A cancelled timeout
 * leaves the queue at once, so requests answered in time cost a queue insert and removal and nothing more.
 */
final class RequestTimeouts {

    private static final Duration LONGEST = Duration.ofDays(365L * 100);
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private RequestTimeouts() {
    }

    static ScheduledFuture<?> schedule(Runnable timeout, Duration delay) {
        long nanos = delay.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : delay.toNanos();
        return TIMER.schedule(timeout, nanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "clstr-memory-request-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
