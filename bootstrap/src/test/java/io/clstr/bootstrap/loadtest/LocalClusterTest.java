package io.clstr.bootstrap.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.bootstrap.config.ClstrConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalClusterTest {

    @Test
    void nodes_take_the_nats_and_entity_settings_of_the_environment_and_the_run_sets_the_rest() {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--shards", "16"));
        Map<String, String> environment = Map.of(
                "CLSTR_NATS_REPLICAS", "3",
                "CLSTR_SNAPSHOT_EVERY", "10",
                "CLSTR_IDLE_TIMEOUT", "5s",
                "CLSTR_MAX_ACTIVE_ENTITIES", "5000",
                "CLSTR_SHARDS", "512",
                "CLSTR_HTTP_PORT", "9999");

        ClstrConfig config = LocalCluster.config(options, environment, "run-1", "node-1");

        assertThat(config.nats().replicas()).isEqualTo(3);
        assertThat(config.snapshotEvery()).isEqualTo(10);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxActiveEntities()).isEqualTo(5000);
        assertThat(config.shards()).as("the run's own option").isEqualTo(16);
        assertThat(config.httpPort()).as("any free port, set by the run").isZero();
        assertThat(config.nodeId()).isEqualTo("node-1");
        assertThat(config.cluster()).isEqualTo("run-1");
    }
}
