package org.mentoring.contracts.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The API document rewritten in OpenAPI 3.0 terms, for openapi-diff only. openapi-diff-core 2.1.2 reads a 3.1
 * document without complaint but compares schemas by their 3.0 fields, so in a 3.1 document it misses:
 * <ul>
 *   <li>every type change ({@code "type": "string"} to {@code "integer"}): the 3.1 parser fills {@code types},
 *       openapi-diff compares {@code type}, which stays empty;</li>
 *   <li>a value that may now be null, or no longer ({@code "type": ["string", "null"]}): same reason;</li>
 *   <li>anything behind {@code anyOf} (how the services write a nullable object): a 3.1 {@code anyOf} is not a
 *       composed schema to it, so a changed or removed {@code $ref} there, and every change inside the schema it
 *       points to when reached only that way, goes unseen.</li>
 * </ul>
 * Both documents are rewritten the same way before they are compared, in 3.0 spelling:
 * <ul>
 *   <li>{@code "type": [X, "null"]} becomes {@code "type": X, "nullable": true};</li>
 *   <li>{@code "anyOf": [{"$ref": R}, {"type": "null"}]} becomes {@code {"$ref": R}}: openapi-diff then compares
 *       what R says on both sides (a field removed from R is seen). 3.0 has no nullable reference, and openapi-diff
 *       does not reliably see a reference that points elsewhere, so {@link ReferenceChanges} compares both;</li>
 *   <li>{@code "anyOf": [S, {"type": "null"}]} with S written out becomes S with {@code "nullable": true};</li>
 *   <li>an array schema without {@code items} (allowed in 3.1) gets {@code "items": {}};</li>
 *   <li>a schema's {@code examples} array, which 3.0 does not have, is dropped.</li>
 * </ul>
 * openapi-diff counts a change of {@code nullable} as compatible in every direction; {@link BreakingChanges}
 * judges it itself. Anything else 3.1-only is left as it is, and {@link #unconverted} names it so that the check
 * refuses a document it would misread.
 */
final class OpenApi30View {

    private OpenApi30View() {
    }

    static ObjectNode of(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.put("openapi", "3.0.3");
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            rewriteSchema(object);
            object.forEach(OpenApi30View::rewrite);
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApi30View::rewrite);
        }
    }

    private static void rewriteSchema(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode t : types) {
                if (t.asText().equals("null")) {
                    nullable = true;
                } else {
                    named.add(t.asText());
                }
            }
            if (named.size() == 1) {
                schema.put("type", named.get(0));
                if (nullable) {
                    schema.put("nullable", true);
                }
            }
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf instanceof ArrayNode members && members.size() == 2) {
            JsonNode nonNull = null;
            boolean hasNull = false;
            for (JsonNode member : members) {
                if (member.size() == 1 && member.path("type").asText().equals("null")) {
                    hasNull = true;
                } else {
                    nonNull = member;
                }
            }
            if (hasNull && nonNull != null) {
                schema.remove("anyOf");
                if (nonNull.has("$ref")) {
                    schema.removeAll();
                    schema.set("$ref", nonNull.get("$ref"));
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> fields = nonNull.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!schema.has(field.getKey())) {
                        schema.set(field.getKey(), field.getValue());
                    }
                }
                schema.put("nullable", true);
            }
        }
        if (schema.path("type").asText().equals("array") && !schema.has("items")) {
            schema.putObject("items");
        }
        if (schema.get("examples") instanceof ArrayNode && (schema.has("type") || schema.has("$ref")
                || schema.has("allOf") || schema.has("anyOf") || schema.has("oneOf"))) {
            schema.remove("examples");
        }
    }

    /** JSON pointers of what is still 3.1-only after the rewrite: what openapi-diff would misread. */
    static List<String> unconverted(JsonNode view) {
        List<String> found = new ArrayList<>();
        unconverted(view, "", found);
        return found;
    }

    private static void unconverted(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            if (node.get("type") instanceof ArrayNode) {
                found.add(pointer + "/type (a list of types)");
            }
            if (node.path("type").asText().equals("null")) {
                found.add(pointer + "/type (\"null\")");
            }
            for (String keyword : List.of("const", "prefixItems", "if", "then", "else", "dependentRequired",
                    "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "contentMediaType", "$defs")) {
                if (node.has(keyword) && !pointer.endsWith("/properties")) {
                    found.add(pointer + "/" + keyword);
                }
            }
            node.fields().forEachRemaining(f -> unconverted(f.getValue(),
                    pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unconverted(node.get(i), pointer + "/" + i, found);
            }
        }
    }
}
