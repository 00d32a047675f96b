package io.clstr.bootstrap;

import static io.clstr.bootstrap.TestNode.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.adapters.micrometer.MetricNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What clients see when the store lets a command down: the node wired as usual, on a misbehaving store. */
class InfrastructureFailureSystemTest {

    @Test
    void a_command_whose_every_append_conflicts_is_409_after_its_retry() {
        try (TestNode node = TestNode.open(Map.of(), Backend.inMemory(new RivalWriterEventStore()))) {
            node.node().markReady();

            assertProblem(node.post("/counters/contended/increment", null), 409, "CONCURRENCY_CONFLICT");

            // The first attempt and its one retry (EntitySettings.conflictRetries) both conflicted.
            assertThat(node.get("/metrics").body()).contains(MetricNames.ES_CONCURRENCY_CONFLICTS
                    + "{aggregate_type=\"counter\"} 2.0");
        }
    }

    @Test
    void a_command_the_store_does_not_answer_in_time_is_503() {
        StalledEventStore stalled = new StalledEventStore();
        Backend backend = Backend.inMemory(stalled);
        try (TestNode node = TestNode.open(Map.of("CLSTR_REQUEST_TIMEOUT", "200ms"), backend)) {
            node.node().markReady();

            assertProblem(node.post("/counters/stalled/increment", null), 503, "SERVICE_UNAVAILABLE");
            assertProblem(node.post("/orders", TestNode.PLACE_ORDER), 503, "SERVICE_UNAVAILABLE");

            // The store comes back failing the appends it held, so the entities can passivate at once.
            stalled.close();
        }
    }
}
