package io.clstr.application.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureSummaryTest {

    @Test
    void names_the_exception_class_and_its_message() {
        assertThat(FailureSummary.of(new IllegalStateException("no")))
                .isEqualTo("java.lang.IllegalStateException: no");
        assertThat(FailureSummary.of(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void cuts_a_long_message() {
        String summary = FailureSummary.of(new IllegalStateException("x".repeat(1000)));

        assertThat(summary).hasSize(FailureSummary.MAX_LENGTH).endsWith("...");
    }
}
