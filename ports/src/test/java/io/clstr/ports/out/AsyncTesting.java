package io.clstr.ports.out;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting for asynchronous outcomes in contract tests. Limits are generous (adapters may sit behind a
 * network on a loaded machine) and nothing here measures time: a slow adapter passes, a wrong one fails.
 */
public final class AsyncTesting {

    /** The longest any single asynchronous outcome may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private AsyncTesting() {
    }

    /** Polls a condition often, for at most {@link #TIMEOUT}. */
    public static ConditionFactory eventually() {
        return Awaitility.await()
                .atMost(TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10));
    }

    /** The value of a stage that must succeed within {@link #TIMEOUT}. */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, but failed with " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("not completed within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The failure of a stage that must fail within {@link #TIMEOUT}, unwrapped from completion wrappers. */
    public static Throwable failureOf(CompletionStage<?> stage) {
        Object value;
        try {
            value = stage.toCompletableFuture().get(TIMEOUT.toMillis(), MILLISECONDS);
        } catch (ExecutionException e) {
            return unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("expected a failure within " + TIMEOUT + ", but the stage is still pending", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throw new AssertionError("expected a failure, but the stage succeeded with " + value);
    }

    /** Waits for a latch inside a callback; gives up after {@link #TIMEOUT} so that no thread hangs forever. */
    public static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), MILLISECONDS)) {
                throw new AssertionError("latch not released within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // Stricter than StageFailures.causeOf: a contract suite must see an adapter that fails with an ExecutionException.
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
