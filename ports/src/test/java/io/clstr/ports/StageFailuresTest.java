package io.clstr.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StageFailuresTest {

    private final IllegalStateException failure = new IllegalStateException("the store is gone");

    @Test
    void peels_every_completion_and_execution_wrapper() {
        Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(failure)));

        assertThat(StageFailures.causeOf(wrapped)).isSameAs(failure);
    }

    @Test
    void keeps_other_wrappers_and_unwrapped_failures() {
        RuntimeException other = new RuntimeException(new CompletionException(failure));

        assertThat(StageFailures.causeOf(other)).isSameAs(other);
        assertThat(StageFailures.causeOf(failure)).isSameAs(failure);
    }

    @Test
    void keeps_a_wrapper_without_a_cause_and_null() {
        CompletionException empty = new CompletionException("no cause", null);

        assertThat(StageFailures.causeOf(empty)).isSameAs(empty);
        assertThat(StageFailures.causeOf(null)).isNull();
    }
}
