package io.clstr.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflow builds what the README promises, the way the README says, on every supported JDK, with
 * the NATS tests required, and builds and checks the container image. A YAML mistake fails here rather than
 * on the first push.
 */
class CiWorkflowTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("clstr.repository", ".."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode workflow;
    private static JsonNode build;

    @BeforeAll
    static void read() throws IOException {
        workflow = YAML.readTree(REPOSITORY.resolve(".github/workflows/ci.yml").toFile());
        build = workflow.path("jobs").path("build");
        assertThat(build.isObject()).as("a build job").isTrue();
    }

    @Test
    void the_build_runs_on_jdk_17_21_and_25() {
        List<String> versions = new ArrayList<>();
        build.path("strategy").path("matrix").path("java").forEach(version -> versions.add(version.asText()));

        assertThat(versions).containsExactlyInAnyOrder("17", "21", "25");
        JsonNode setupJava = step("actions/setup-java@");
        assertThat(setupJava.path("with").path("distribution").asText()).isEqualTo("temurin");
        assertThat(setupJava.path("with").path("java-version").asText()).isEqualTo("${{ matrix.java }}");
        assertThat(setupJava.path("with").path("cache").asText()).isEqualTo("maven");
    }

    @Test
    void the_build_is_the_readme_command_through_the_ci_script() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        String ciScript = Files.readString(REPOSITORY.resolve(".ci/run"));

        assertThat(readme).contains("./mvnw -B verify", "./mvnw -B verify -Pfull");
        // CI runs every test: the default build and the long suites of the full profile.
        assertThat(ciScript).containsPattern("(?m)^\\./mvnw -B (-ntp )?verify -Pfull\\s*$");
        assertThat(runCommands()).anyMatch(command -> command.equals(".ci/run") || command.startsWith("./mvnw -B verify"));
    }

    @Test
    void the_nats_tests_are_required_and_find_a_server() throws IOException {
        JsonNode buildStep = build.path("steps").findParents("run").stream()
                .filter(step -> step.path("run").asText().trim().equals(".ci/run"))
                .findFirst().orElseThrow();

        assertThat(buildStep.path("env").path("CLSTR_REQUIRE_NATS").asText()).isEqualTo("true");
        assertThat(Files.readString(REPOSITORY.resolve(".ci/run"))).contains("export CLSTR_REQUIRE_NATS=true");
        // The tests look for NATS_SERVER_BIN first, then nats-server on the PATH.
        assertThat(String.join("\n", runCommands())).contains("NATS_SERVER_BIN=");
    }

    @Test
    void the_image_is_built_without_docker_then_run_and_checked() throws IOException {
        JsonNode image = workflow.path("jobs").path("image");
        String commands = String.join("\n", runCommands(image));
        String bootstrapPom = Files.readString(REPOSITORY.resolve("bootstrap/pom.xml"));

        // The tarball the profile writes is the one the job loads.
        assertThat(bootstrapPom).contains("<id>image</id>", "<goal>buildTar</goal>",
                "<tar>${project.build.directory}/clstr-image.tar</tar>");
        assertThat(commands).contains("./mvnw -B -ntp -Pimage -DskipTests package -pl bootstrap -am",
                "docker load -i bootstrap/target/clstr-image.tar");
        // What only a Docker engine can check: not root, the version, readiness; and promtool on the rules.
        assertThat(commands).contains("{{.Config.User}}", "--version", "/health/ready", "promtool",
                "check config /etc/prometheus/prometheus.yml");
    }

    @Test
    void the_nats_fixture_suites_run_on_the_container_image_through_testcontainers() throws IOException {
        JsonNode job = workflow.path("jobs").path("nats-testcontainers");
        JsonNode testStep = job.path("steps").findParents("run").stream()
                .filter(step -> step.path("run").asText().contains("verify"))
                .findFirst().orElseThrow(() -> new AssertionError("no verify step in nats-testcontainers"));

        assertThat(testStep.path("env").path("NATS_FIXTURE").asText()).isEqualTo("testcontainers");
        assertThat(testStep.path("run").asText()).contains("-pl adapters/nats", "ContractIT", "NatsEventStoreIT");
        List<String> images = new ArrayList<>();
        job.path("strategy").path("matrix").path("image").forEach(image -> images.add(image.asText()));
        // The image the Compose stack runs is one of the matrix.
        String compose = Files.readString(REPOSITORY.resolve("deploy/compose.yaml"));
        assertThat(images).isNotEmpty().anyMatch(image -> compose.contains("image: " + image));
    }

    @Test
    void the_compose_stack_is_started_healthy_and_smoke_tested() throws IOException {
        String commands = String.join("\n", runCommands(workflow.path("jobs").path("compose")));

        assertThat(commands).contains("docker compose -f deploy/compose.yaml up -d --build --wait",
                "deploy/smoke-test.sh", "docker compose -f deploy/compose.yaml down -v");
        assertThat(REPOSITORY.resolve("deploy/smoke-test.sh")).isExecutable();
    }

    @Test
    void dependabot_watches_maven_and_the_actions() throws IOException {
        JsonNode dependabot = YAML.readTree(REPOSITORY.resolve(".github/dependabot.yml").toFile());
        List<String> ecosystems = new ArrayList<>();
        dependabot.path("updates").forEach(update -> ecosystems.add(update.path("package-ecosystem").asText()));

        assertThat(dependabot.path("version").asInt()).isEqualTo(2);
        assertThat(ecosystems).containsExactlyInAnyOrder("maven", "github-actions");
    }

    private static JsonNode step(String usesPrefix) {
        for (JsonNode step : build.path("steps")) {
            if (step.path("uses").asText().startsWith(usesPrefix)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix);
    }

    private static List<String> runCommands() {
        return runCommands(build);
    }

    private static List<String> runCommands(JsonNode job) {
        List<String> commands = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            if (step.has("run")) {
                commands.add(step.path("run").asText().trim());
            }
        }
        return commands;
    }
}
