package io.clstr.adapters.nats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private final IOException failure = new IOException("connection closed");

    @Test
    void peels_the_jdk_wrappers_and_the_clients_bare_wrapping_in_any_order() {
        Throwable wrapped = new CompletionException(
                new RuntimeException(new ExecutionException(new RuntimeException(failure))));

        assertThat(Failures.unwrap(wrapped)).isSameAs(failure);
    }

    @Test
    void keeps_a_runtime_exception_that_says_more_than_its_cause() {
        RuntimeException explained = new RuntimeException("publish failed", failure);

        assertThat(Failures.unwrap(new CompletionException(explained))).isSameAs(explained);
    }
}
