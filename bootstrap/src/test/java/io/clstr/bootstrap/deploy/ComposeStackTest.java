package io.clstr.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clstr.adapters.nats.testing.NatsContainer;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigParser;
import io.clstr.bootstrap.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose.yaml} configures its nodes with settings the node really has, values the parser
 * accepts, and a cluster that adds up: one NATS with JetStream, distinct node ids, Prometheus scraping each node.
 */
class ComposeStackTest {

    private static JsonNode services;
    private static Map<String, Map<String, String>> nodes;

    @BeforeAll
    static void read() {
        services = DeployFiles.yaml("compose.yaml").path("services");
        nodes = new LinkedHashMap<>();
        services.properties().forEach(service -> {
            Map<String, String> environment = environment(service.getValue());
            if (environment.keySet().stream().anyMatch(name -> name.startsWith(Setting.ENV_PREFIX))) {
                nodes.put(service.getKey(), environment);
            }
        });
    }

    @Test
    void there_are_three_nodes() {
        assertThat(nodes).containsOnlyKeys("node-1", "node-2", "node-3");
    }

    @Test
    void every_clstr_variable_is_a_setting_of_the_node() {
        for (Map.Entry<String, Map<String, String>> node : nodes.entrySet()) {
            for (String name : node.getValue().keySet()) {
                if (name.startsWith(Setting.ENV_PREFIX)) {
                    assertThat(Setting.byVariable(name)).as("%s of %s", name, node.getKey()).isPresent();
                }
            }
        }
    }

    @Test
    void every_node_configuration_parses_into_one_cluster_on_nats() {
        Set<String> nodeIds = new HashSet<>();
        Set<String> clusters = new HashSet<>();
        Set<Integer> shardCounts = new HashSet<>();
        for (Map<String, String> environment : nodes.values()) {
            ClstrConfig config = new ConfigParser(environment).parse(List.of());

            assertThat(config.backend().settingValue()).isEqualTo("nats");
            assertThat(config.nats().servers()).containsExactly("nats://nats:4222");
            nodeIds.add(config.nodeId());
            clusters.add(config.cluster());
            shardCounts.add(config.shards());
        }
        assertThat(nodeIds).hasSize(nodes.size());
        assertThat(clusters).hasSize(1);
        assertThat(shardCounts).hasSize(1);
    }

    @Test
    void nats_runs_with_jetstream_on_a_volume() {
        JsonNode nats = services.path("nats");
        List<String> command = new ArrayList<>();
        nats.path("command").forEach(argument -> command.add(argument.asText()));

        assertThat(nats.path("image").asText()).as("the image the Testcontainers fixture runs")
                .isEqualTo(NatsContainer.IMAGE);
        assertThat(command).contains("-js", "-sd");
        assertThat(nats.path("volumes").toString()).contains(":" + command.get(command.indexOf("-sd") + 1));
    }

    @Test
    void nats_is_healthy_once_jetstream_is_and_the_nodes_wait_for_it() {
        assertThat(services.path("nats").path("healthcheck").path("test").toString())
                .contains("http://127.0.0.1:8222/healthz");
        nodes.keySet().forEach(node -> assertThat(services.path(node).path("depends_on").path("nats")
                .path("condition").asText()).as(node).isEqualTo("service_healthy"));
    }

    @Test
    void a_node_is_healthy_once_it_is_ready_on_its_container_port() {
        nodes.forEach((node, environment) -> assertThat(services.path(node).path("healthcheck").path("test")
                .toString()).as(node)
                .contains("/dev/tcp/127.0.0.1/" + environment.get("CLSTR_HTTP_PORT"), "GET /health/ready", " 200 "));
        nodes.keySet().forEach(node -> assertThat(services.path("prometheus").path("depends_on").path(node)
                .path("condition").asText()).as(node).isEqualTo("service_healthy"));
    }

    @Test
    void prometheus_scrapes_the_metrics_route_of_every_node() {
        JsonNode job = DeployFiles.yaml("prometheus/prometheus.yml").path("scrape_configs").path(0);
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(config -> config.path("targets")
                .forEach(target -> targets.add(target.asText())));

        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        List<String> expected = new ArrayList<>();
        nodes.forEach((name, environment) -> expected.add(name + ":" + environment.get(Setting.HTTP_PORT.variable())));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void grafana_gets_the_prometheus_datasource_the_dashboard_names() {
        JsonNode datasource = DeployFiles.yaml("grafana/provisioning/datasources/prometheus.yml").path("datasources")
                .path(0);
        JsonNode dashboard = DeployFiles.json("grafana/dashboards/clstr.json");

        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        // The dashboard's data source variable offers every Prometheus and starts on the default one.
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("isDefault").asBoolean()).isTrue();
        assertThat(dashboard.path("templating").path("list").findValuesAsText("query")).contains("prometheus");
    }

    @Test
    void the_image_runs_the_jar_the_build_makes_on_a_java_17_runtime() throws IOException {
        String dockerfile = Files.readString(DeployFiles.DEPLOY.resolve("Dockerfile"));

        assertThat(dockerfile).contains("./mvnw", "bootstrap/target/clstr.jar", "FROM eclipse-temurin:17-jre");
    }

    /** A service's environment, written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode declared = service.path("environment");
        if (declared.isObject()) {
            declared.properties().forEach(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
        } else {
            declared.forEach(variable -> {
                String[] pair = variable.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return environment;
    }
}
