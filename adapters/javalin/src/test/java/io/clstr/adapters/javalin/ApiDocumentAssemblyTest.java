package io.clstr.adapters.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a context's part joins the base document, with the parts in this module's test resources. */
class ApiDocumentAssemblyTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void a_part_adds_its_tags_paths_and_components_before_the_bases() throws IOException {
        JsonNode document = YAML.readTree(ApiDocument.of(List.of("widgets")));

        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("paths").fieldNames()).toIterable()
                .startsWith("/widgets/{id}").contains("/health/live", "/openapi.yaml");
        assertThat(document.path("tags").findValuesAsText("name")).startsWith("widgets").contains("operations");
        assertThat(document.at("/components/schemas/Widget/required/0").asText()).isEqualTo("widgetId");
        assertThat(document.at("/components/schemas/Problem").isObject()).isTrue();
        assertThat(document.at("/components/responses/NotFound").isObject()).isTrue();
    }

    @Test
    void without_parts_the_document_is_the_base() throws IOException {
        JsonNode document = YAML.readTree(ApiDocument.of(List.of()));

        assertThat(document.path("paths").fieldNames()).toIterable().contains("/health/live")
                .doesNotContain("/widgets/{id}");
    }

    @Test
    void a_part_that_describes_what_is_already_described_is_refused() {
        assertThatThrownBy(() -> ApiDocument.of(List.of("clash")))
                .hasMessageContaining("docs/api/clash.yaml describes the path /health/live again");
        assertThatThrownBy(() -> ApiDocument.of(List.of("widgets", "widgets")))
                .hasMessageContaining("docs/api/widgets.yaml describes the path /widgets/{id} again");
    }

    @Test
    void a_part_holds_only_tags_paths_and_components() {
        assertThatThrownBy(() -> ApiDocument.of(List.of("stray")))
                .hasMessageContaining("docs/api/stray.yaml may hold only").hasMessageContaining("not info");
    }

    @Test
    void a_missing_part_or_one_named_like_the_base_is_refused() {
        assertThatThrownBy(() -> ApiDocument.of(List.of("missing"))).hasMessageContaining("docs/api/missing.yaml");
        assertThatThrownBy(() -> ApiDocument.of(List.of(ApiDocument.BASE))).hasMessageContaining("cannot be called");
        assertThat(ApiDocument.exists("widgets")).isTrue();
        assertThat(ApiDocument.exists("missing")).isFalse();
    }
}
