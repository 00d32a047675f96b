package io.clstr.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.clstr.adapters.javalin.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks real responses against the API document a node serves (docs/api/openapi.yaml with each context's
 * part, as the HTTP adapter assembles them): a response whose status the operation documents must have a documented media type and a body
 * that its schema accepts. Schemas are read closed (an object schema without {@code additionalProperties} takes
 * no other properties), so a field added or renamed in the code but not in the document fails the test that
 * met it. Responses to undocumented paths or statuses are not checked.
 */
final class DocumentedResponses {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String DEFINITIONS = "#/$defs/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** By document: every node of a test run serves the same one, so its schemas are compiled once. */
    private static final Map<String, DocumentedResponses> BY_DOCUMENT = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final ObjectNode definitions;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private DocumentedResponses(JsonNode document) {
        this.document = document;
        this.definitions = (ObjectNode) closed(document.path("components").path("schemas").deepCopy());
    }

    /** The checks of this served document ({@code Node.apiDocument()}). */
    static DocumentedResponses of(byte[] document) {
        return BY_DOCUMENT.computeIfAbsent(new String(document, StandardCharsets.UTF_8), DocumentedResponses::parse);
    }

    /** Every operation the document describes, as METHOD and path template. */
    Set<Route> routes() {
        Set<Route> routes = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                routes.add(new Route(entry.getKey().toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return routes;
    }

    /** Fails with the schema's complaints when the response breaks the document. */
    void check(String method, String path, HttpResponse<String> response) {
        Optional<JsonNode> operation = operation(method.toLowerCase(Locale.ROOT), path);
        if (operation.isEmpty()) {
            return;
        }
        JsonNode documented = resolve(operation.get().path("responses").path(Integer.toString(response.statusCode())));
        if (documented.isMissingNode()) {
            return;
        }
        String where = method + " " + path + " " + response.statusCode();
        String mediaType = response.headers().firstValue("Content-Type")
                .map(type -> type.split(";", 2)[0].trim())
                .orElse("");
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            throw new AssertionError(where + ": Content-Type " + mediaType + " is not documented; the document has "
                    + fieldNames(content) + ". Body: " + response.body());
        }
        if (!mediaType.endsWith("json")) {
            return;
        }
        Schema schema = schemas.computeIfAbsent(where, key -> schemaOf(media.path("schema")));
        List<Error> errors = schema.validate(response.body(), InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match the API document (" + errors
                    + "). Body: " + response.body());
        }
    }

    /** The operation for this method and concrete path, matched against the document's path templates. */
    private Optional<JsonNode> operation(String method, String path) {
        String bare = path.split("\\?", 2)[0];
        for (Map.Entry<String, JsonNode> entry : document.path("paths").properties()) {
            if (template(entry.getKey()).matcher(bare).matches() && entry.getValue().has(method)) {
                return Optional.of(entry.getValue().path(method));
            }
        }
        return Optional.empty();
    }

    private static Pattern template(String documentedPath) {
        StringBuilder regex = new StringBuilder();
        for (String part : documentedPath.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    private Schema schemaOf(JsonNode documentedSchema) {
        ObjectNode root = (ObjectNode) closed(documentedSchema.deepCopy());
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", definitions);
        try {
            return registry.getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schema with every object schema that lists its properties closed to others, and references rewritten
     * from the components to {@code $defs}.
     */
    private static JsonNode closed(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if (object.has("$ref") && object.path("$ref").asText().startsWith(SCHEMAS)) {
                object.put("$ref", DEFINITIONS + object.path("$ref").asText().substring(SCHEMAS.length()));
            }
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> closed(entry.getValue()));
        } else if (schema.isArray()) {
            schema.forEach(DocumentedResponses::closed);
        }
        return schema;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static DocumentedResponses parse(String yaml) {
        try {
            return new DocumentedResponses(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
