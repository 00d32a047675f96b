package io.clstr.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/**
 * The API document describes exactly the routes a node serves: those of every context in {@link ServiceContexts}
 * and the operations routes. A context registered without its part of the document (docs/api/&lt;context&gt;.yaml,
 * named after the package of its routes) fails here, as does a part that describes routes no node serves.
 */
class ApiDocumentTest {

    @Test
    void the_document_describes_exactly_the_routes_a_node_serves() {
        try (TestNode node = TestNode.start()) {
            assertThat(node.node().httpRoutes()).doesNotHaveDuplicates();
            assertThat(DocumentedResponses.of(node.node().apiDocument()).routes())
                    .containsExactlyInAnyOrderElementsOf(new HashSet<>(node.node().httpRoutes()));
        }
    }
}
