package org.mentoring.contracts.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The breaking changes openapi-diff does not see, found by reading both documents side by side: a schema reference
 * that now points elsewhere, and a reference that may now be null (or no longer), written the 3.1 way as
 * {@code "anyOf": [{"$ref": ...}, {"type": "null"}]}.
 * <p>
 * openapi-diff 2.1.2 follows a changed reference only sometimes: in this document a field referring to an enum
 * or object schema and then to {@code UUID} showed no change at all, and it has no nullable reference to compare
 * (see {@link OpenApi30View}). A changed reference is breaking for the clients generated from the document either
 * way: the field's generated type changes, even where the two schemas happen to accept the same values.
 */
final class ReferenceChanges {

    private static final String SCHEMAS = "#/components/schemas/";

    private final Set<String> inRequests = new HashSet<>();
    private final Set<String> inResponses = new HashSet<>();
    private final List<String> found = new ArrayList<>();

    private ReferenceChanges(JsonNode older, JsonNode newer) {
        for (JsonNode document : List.of(older, newer)) {
            reachable(document, "requestBody", "parameters", inRequests);
            reachable(document, "responses", null, inResponses);
        }
    }

    static List<String> between(JsonNode older, JsonNode newer) {
        ReferenceChanges changes = new ReferenceChanges(older, newer);
        changes.walk(older.path("paths"), newer.path("paths"), "/paths");
        changes.walk(older.at("/components/schemas"), newer.at("/components/schemas"), "/components/schemas");
        return changes.found;
    }

    private void walk(JsonNode older, JsonNode newer, String pointer) {
        if (older.isObject() && newer.isObject()) {
            String was = target(older);
            String is = target(newer);
            if (was != null && is != null) {
                if (!was.equals(is)) {
                    found.add(where(pointer) + ": refers to " + is + " instead of " + was
                            + " (the generated type changes)");
                } else if (!nullable(older) && nullable(newer) && inResponse(pointer)) {
                    found.add(where(pointer) + ": may now be null in the response");
                } else if (nullable(older) && !nullable(newer) && inRequest(pointer)) {
                    found.add(where(pointer) + ": may no longer be null in the request");
                }
                return;
            }
            older.fieldNames().forEachRemaining(name -> {
                if (newer.has(name)) {
                    walk(older.get(name), newer.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
                }
            });
        } else if (older.isArray() && newer.isArray()) {
            for (int i = 0; i < older.size(); i++) {
                JsonNode element = older.get(i);
                if (element.has("name")) {
                    // parameters: the same parameter, wherever it now is in the list
                    for (JsonNode candidate : newer) {
                        if (candidate.path("name").equals(element.get("name"))
                                && candidate.path("in").equals(element.path("in"))) {
                            walk(element, candidate, pointer + "/" + i);
                        }
                    }
                } else if (i < newer.size()) {
                    walk(element, newer.get(i), pointer + "/" + i);
                }
            }
        }
    }

    /** The schema a reference, or a nullable reference, names; null for anything else. */
    private static String target(JsonNode schema) {
        if (schema.path("$ref").asText().startsWith(SCHEMAS)) {
            return schema.get("$ref").asText().substring(SCHEMAS.length());
        }
        if (nullable(schema)) {
            for (JsonNode member : schema.get("anyOf")) {
                if (member.has("$ref")) {
                    return target(member);
                }
            }
        }
        return null;
    }

    private static boolean nullable(JsonNode schema) {
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf == null || !anyOf.isArray() || anyOf.size() != 2) {
            return false;
        }
        boolean hasNull = false;
        boolean hasRef = false;
        for (JsonNode member : anyOf) {
            hasNull |= member.path("type").asText().equals("null");
            hasRef |= member.has("$ref");
        }
        return hasNull && hasRef;
    }

    private boolean inResponse(String pointer) {
        return pointer.startsWith("/paths/") ? pointer.contains("/responses/") : inResponses.contains(schema(pointer));
    }

    private boolean inRequest(String pointer) {
        return pointer.startsWith("/paths/") ? pointer.contains("/requestBody/") || pointer.contains("/parameters/")
                : inRequests.contains(schema(pointer));
    }

    private static String schema(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length > 3 ? unescape(parts[3]) : "";
    }

    /** The component schemas reachable from the operations' {@code section} (or {@code other}). */
    private static void reachable(JsonNode document, String section, String other, Set<String> into) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        document.path("paths").forEach(item -> item.forEach(operation -> {
            todo.add(operation.path(section));
            if (other != null) {
                todo.add(operation.path(other));
            }
        }));
        JsonNode schemas = document.at("/components/schemas");
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            String ref = node.path("$ref").asText();
            if (ref.startsWith(SCHEMAS) && into.add(ref.substring(SCHEMAS.length()))) {
                todo.add(schemas.path(ref.substring(SCHEMAS.length())));
            }
            node.forEach(todo::add);
        }
    }

    /** A pointer as a developer reads it: "schema Agreement, field inForce" or "GET /api/v1/x response 200 ...". */
    static String where(String pointer) {
        String[] parts = pointer.split("/");
        StringBuilder text = new StringBuilder();
        if (pointer.startsWith("/components/schemas/") && parts.length > 3) {
            text.append("schema ").append(unescape(parts[3]));
            StringBuilder field = new StringBuilder();
            for (int i = 4; i < parts.length; i++) {
                String part = unescape(parts[i]);
                if (part.equals("properties") && i + 1 < parts.length) {
                    field.append(field.isEmpty() ? "" : ".").append(unescape(parts[++i]));
                } else if (part.equals("items")) {
                    field.append("[]");
                } else if (!part.equals("anyOf") && !part.equals("allOf") && !part.equals("oneOf")
                        && !part.matches("\\d+")) {
                    field.append(field.isEmpty() ? "" : " ").append(part);
                }
            }
            return field.isEmpty() ? text.toString() : text.append(", field ").append(field).toString();
        }
        if (pointer.startsWith("/paths/") && parts.length > 3) {
            text.append(parts[3].toUpperCase()).append(' ').append(unescape(parts[2]));
            for (int i = 4; i < parts.length; i++) {
                String part = unescape(parts[i]);
                if (!part.equals("content") && !part.equals("schema")) {
                    text.append(' ').append(part);
                }
            }
            return text.toString();
        }
        return pointer;
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
