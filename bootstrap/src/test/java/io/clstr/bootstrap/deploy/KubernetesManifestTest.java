package io.clstr.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clstr.bootstrap.config.ClstrConfig;
import io.clstr.bootstrap.config.ConfigParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kubernetes/clstr.yaml} runs nodes with settings the parser accepts, probes the node's health
 * routes, and gives a stopping node the time its settings say it takes.
 */
class KubernetesManifestTest {

    private static JsonNode statefulSet;
    private static JsonNode service;
    private static JsonNode container;
    private static ClstrConfig config;

    @BeforeAll
    static void read() throws IOException {
        List<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .<JsonNode>readValues(DeployFiles.DEPLOY.resolve("kubernetes/clstr.yaml").toFile()).readAll();
        for (JsonNode document : documents) {
            switch (document.path("kind").asText()) {
                case "StatefulSet" -> statefulSet = document;
                case "Service" -> service = document;
                default -> throw new AssertionError("unexpected " + document.path("kind"));
            }
        }
        container = statefulSet.path("spec").path("template").path("spec").path("containers").path(0);
        config = new ConfigParser(environment(container)).parse(List.of());
    }

    @Test
    void the_settings_parse_into_a_cluster_on_nats_with_stable_node_ids() {
        assertThat(config.backend().settingValue()).isEqualTo("nats");
        assertThat(config.nodeId()).isEqualTo("clstr-0");
        assertThat(container.path("env").findValues("fieldPath")).extracting(JsonNode::asText)
                .containsExactly("metadata.name");
        assertThat(statefulSet.path("spec").path("serviceName").asText()).isEqualTo("clstr");
    }

    @Test
    void the_probes_ask_the_health_routes_on_the_http_port() {
        JsonNode port = container.path("ports").path(0);

        assertThat(port.path("containerPort").asInt()).isEqualTo(config.httpPort());
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText()).isEqualTo(port.path("name").asText());
        }
        assertThat(service.path("spec").path("ports").path(0).path("targetPort").asText())
                .isEqualTo(port.path("name").asText());
    }

    @Test
    void a_stopping_node_waits_for_the_load_balancers_and_finishes_before_it_is_killed() {
        long grace = statefulSet.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds")
                .asLong();

        assertThat(config.shutdownDelay()).isPositive();
        assertThat(config.shutdownDelay().plus(config.shutdownTimeout()).toSeconds()).isLessThan(grace);
    }

    @Test
    void the_pod_runs_as_a_user_other_than_root() {
        assertThat(statefulSet.path("spec").path("template").path("spec").path("securityContext")
                .path("runAsNonRoot").asBoolean()).isTrue();
    }

    /** The container's variables; one taken from the pod's name gets the first pod's. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> fromPod = new ArrayList<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            } else {
                fromPod.add(name);
                environment.put(name, "clstr-0");
            }
        }
        assertThat(fromPod).containsExactly("CLSTR_NODE_ID");
        return environment;
    }
}
