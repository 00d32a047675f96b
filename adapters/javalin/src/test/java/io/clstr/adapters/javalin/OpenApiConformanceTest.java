package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published API description, with every context's part (docs/api), is well formed: every operation has an id and a success response, every error is a
 * problem document, every reference resolves. That it lists exactly the routes a node serves is checked where the
 * node's contexts are known, in bootstrap ({@code ApiDocumentTest}).
 */
class OpenApiConformanceTest {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode openApi;

    /** The document with every context's part in docs/api, as a node with all of them serves it. */
    @BeforeAll
    static void load() throws IOException {
        List<String> parts;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("clstr.api")))) {
            parts = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .filter(name -> !name.equals(ApiDocument.BASE))
                    .sorted()
                    .toList();
        }
        openApi = new ObjectMapper(new YAMLFactory()).readTree(ApiDocument.of(parts));
    }

    @Test
    void the_document_is_openapi_3_1() {
        assertThat(openApi.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void every_operation_has_an_id_and_a_success_response() {
        forEachOperation((route, operation) -> {
            assertThat(operation.path("operationId").asText()).as(route.toString()).isNotBlank();
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(route.toString()).anyMatch(status -> status.startsWith("2"));
        });
    }

    @Test
    void every_error_response_is_a_problem_document() {
        forEachOperation((route, operation) -> operation.path("responses").properties().forEach(response -> {
            if (!response.getKey().startsWith("2")) {
                JsonNode resolved = resolve(response.getValue());
                JsonNode problem = resolved.path("content").path("application/problem+json");
                assertThat(problem.path("schema").path("$ref").asText())
                        .as(route + " " + response.getKey())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }));
    }

    @Test
    void every_reference_resolves() {
        List<String> references = new ArrayList<>();
        collectReferences(openApi, references);

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(openApi.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        });
    }

    private interface OperationVisitor {
        void visit(Route route, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                visitor.visit(new Route(entry.getKey().toUpperCase(Locale.ROOT), path.getKey()), entry.getValue());
            }
        }));
    }

    private static JsonNode resolve(JsonNode node) {
        String reference = node.path("$ref").asText(null);
        return reference == null ? node : openApi.at(reference.substring(1));
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }
}
