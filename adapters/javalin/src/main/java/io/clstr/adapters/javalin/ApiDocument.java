package io.clstr.adapters.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document a node serves: {@code docs/api/openapi.yaml} (the operations routes and what every API
 * shares: problem responses, headers, parameters) with the part of each bounded context merged in. A context's
 * part is {@code docs/api/<context>.yaml}, named after the package of its routes ({@code adapters.javalin.order}
 * brings {@code order.yaml}), and holds its {@code tags}, {@code paths} and {@code components}; it may refer to
 * the shared components. So adding a context adds a file and removing one removes it: no shared file changes.
 * The build packages {@code docs/api} beside this class.
 */
public final class ApiDocument {

    /** The base document; a part may not take its name. */
    public static final String BASE = "openapi";

    private static final String FOLDER = "/io/clstr/adapters/javalin/api/";
    private static final Set<String> PART_FIELDS = Set.of("tags", "paths", "components");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private ApiDocument() {
    }

    /**
     * The base document with these parts merged in, in this order: their tags and paths come before the base's.
     *
     * @throws IllegalStateException if a part is missing, holds another top-level field, or names a path or
     *     component that the base or an earlier part already has
     */
    public static byte[] of(List<String> parts) {
        ObjectNode base = read(BASE);
        ArrayNode tags = YAML.createArrayNode();
        ObjectNode paths = YAML.createObjectNode();
        ObjectNode components = YAML.createObjectNode();
        for (String part : parts) {
            if (part.equals(BASE)) {
                throw new IllegalStateException("a context's API part cannot be called " + BASE);
            }
            ObjectNode document = read(part);
            for (Iterator<String> fields = document.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!PART_FIELDS.contains(field)) {
                    throw new IllegalStateException(file(part) + " may hold only " + PART_FIELDS + ", not " + field);
                }
            }
            tags.addAll((ArrayNode) document.withArray("tags"));
            addAll(paths, document.path("paths"), base.path("paths"), part, "path");
            for (Map.Entry<String, JsonNode> section : document.path("components").properties()) {
                addAll(components.withObject("/" + section.getKey()), section.getValue(),
                        base.path("components").path(section.getKey()), part, section.getKey());
            }
        }
        tags.addAll((ArrayNode) base.withArray("tags"));
        paths.setAll((ObjectNode) base.path("paths"));
        for (Map.Entry<String, JsonNode> section : base.path("components").properties()) {
            components.withObject("/" + section.getKey()).setAll((ObjectNode) section.getValue());
        }
        base.set("tags", tags);
        base.set("paths", paths);
        base.set("components", components);
        try {
            return YAML.writeValueAsBytes(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The part a group of routes brings: the last segment of the package of the class that handles them. */
    static String partOf(Object routes) {
        String packageName = routes.getClass().getPackageName();
        return packageName.substring(packageName.lastIndexOf('.') + 1);
    }

    /** Whether the build packaged a part of this name. */
    static boolean exists(String part) {
        return ApiDocument.class.getResource(FOLDER + part + ".yaml") != null;
    }

    /** Adds a part's entries; one that an earlier part added, or that the base has, is refused. */
    private static void addAll(ObjectNode into, JsonNode entries, JsonNode inBase, String part, String kind) {
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            if (into.has(entry.getKey()) || inBase.has(entry.getKey())) {
                throw new IllegalStateException(file(part) + " describes the " + kind + " " + entry.getKey()
                        + " again: another part of the API document already has it");
            }
            into.set(entry.getKey(), entry.getValue());
        }
    }

    private static ObjectNode read(String part) {
        try (InputStream yaml = ApiDocument.class.getResourceAsStream(FOLDER + part + ".yaml")) {
            if (yaml == null) {
                throw new IllegalStateException(file(part) + " is not on the classpath; the build copies it from"
                        + " docs/api");
            }
            if (!(YAML.readTree(yaml) instanceof ObjectNode document)) {
                throw new IllegalStateException(file(part) + " must hold a YAML mapping");
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String file(String part) {
        return "docs/api/" + part + ".yaml";
    }
}
