package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.mentoring.applicants.directory.service.PersonData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SCIM PATCH (RFC 7644 section 3.5.2): {@code add}, {@code replace} and {@code remove} operations,
 * with or without {@code path}, applied in order to the User as the service renders it; the result is
 * then read and validated like a PUT body. Paths may carry a schema URN, a sub-attribute and a value
 * filter ({@code emails[type eq "work"].value}).
 */
public final class ScimPatch {

    public static final int MAX_OPERATIONS = 100;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScimPatch() {
    }

    /** A resolved path: {@code attr} null means the whole extension {@code schema}; {@code ignored} a standard attribute we do not store. */
    private record Path(String raw, String schema, ScimAttributes.Attr attr, ScimFilter.Node filter,
                        ScimAttributes.Attr sub, boolean ignored) {
    }

    /** Applies the PatchOp {@code body} to {@code user} (modified in place) and reads the result. */
    public static PersonData apply(ObjectNode user, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object: a PatchOp message.");
        }
        JsonNode schemas = field(body, "schemas");
        boolean patchOp = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                patchOp |= s.isTextual() && s.asText().equalsIgnoreCase(Scim.PATCH_OP);
            }
        }
        if (!patchOp) {
            throw ScimException.invalidSyntax("schemas must be [\"" + Scim.PATCH_OP + "\"].");
        }
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("Operations must be a non-empty array of {op, path, value}.");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.invalidSyntax("Operations has more than " + MAX_OPERATIONS + " entries.");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equalsIgnoreCase("schemas") && !name.equalsIgnoreCase("Operations")) {
                throw ScimException.invalidSyntax("A PatchOp has only schemas and Operations, not " + name + ".");
            }
        }
        for (int i = 0; i < operations.size(); i++) {
            JsonNode operation = operations.get(i);
            if (!operation.isObject()) {
                throw ScimException.invalidSyntax("Operations[" + i + "] must be an object {op, path, value}.");
            }
            JsonNode op = field(operation, "op");
            JsonNode path = field(operation, "path");
            JsonNode value = field(operation, "value");
            for (Iterator<String> it = operation.fieldNames(); it.hasNext(); ) {
                String name = it.next().toLowerCase(Locale.ROOT);
                if (!Set.of("op", "path", "value").contains(name)) {
                    throw ScimException.invalidSyntax("Operations[" + i + "] has " + name + "; an operation has only op, path and value.");
                }
            }
            if (op == null || !op.isTextual()) {
                throw ScimException.invalidSyntax("Operations[" + i + "].op must be add, remove or replace.");
            }
            String kind = op.asText().toLowerCase(Locale.ROOT);
            if (!Set.of("add", "remove", "replace").contains(kind)) {
                throw ScimException.invalidSyntax("Operations[" + i + "].op is " + op.asText() + " but must be add, remove or replace.");
            }
            if (path != null && !path.isNull() && !path.isTextual()) {
                throw ScimException.invalidPath("Operations[" + i + "].path must be a string.");
            }
            String rawPath = path == null || path.isNull() ? null : path.asText().strip();
            if (rawPath == null || rawPath.isEmpty()) {
                if (kind.equals("remove")) {
                    throw ScimException.noTarget("Operations[" + i + "]: remove needs a path naming what to remove.");
                }
                applyWithoutPath(user, kind, value, i);
            } else {
                if (!kind.equals("remove") && value == null) {
                    throw ScimException.invalidValue("Operations[" + i + "]: " + kind + " needs a value.");
                }
                apply(user, kind, parsePath(rawPath), value);
            }
        }
        return ScimUserCodec.fromJson(user);
    }

    private static void applyWithoutPath(ObjectNode user, String op, JsonNode value, int index) {
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("Operations[" + index + "]: without a path, value must be an object of attributes.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("schemas")) {
                continue;
            }
            apply(user, op, parsePath(e.getKey()), e.getValue());
        }
    }

    private static void apply(ObjectNode user, String op, Path path, JsonNode value) {
        if (path.ignored()) {
            return;
        }
        boolean remove = op.equals("remove");
        if (path.attr() == null) { // a whole extension
            if (remove) {
                user.remove(path.schema());
                return;
            }
            if (!value.isObject()) {
                throw ScimException.invalidValue(path.raw() + " must be set to an object of its attributes.");
            }
            value.fields().forEachRemaining(e -> apply(user, op, parsePath(path.schema() + ":" + e.getKey()), e.getValue()));
            return;
        }
        ObjectNode container = Scim.USER.equals(path.schema()) ? user : extension(user, path.schema(), !remove);
        if (container == null) {
            return;
        }
        ScimAttributes.Attr attr = path.attr();
        String name = attr.name();
        switch (attr.kind()) {
            case SIMPLE -> {
                if (remove || value.isNull()) {
                    container.remove(name);
                } else {
                    container.set(name, value);
                }
            }
            case COMPLEX -> complex(container, op, path, value);
            case MULTI_SIMPLE -> multiSimple(container, op, path, value);
            case MULTI_COMPLEX -> {
                Set<JsonNode> primaryBefore = primaries(container.get(name));
                multiComplex(container, op, path, value);
                JsonNode after = container.get(name);
                if (after != null && after.isArray() && primaries(after).size() > 1) {
                    // a value made primary takes the flag from the one that had it (RFC 7643 section 2.4)
                    for (JsonNode item : after) {
                        if (primaryBefore.contains(item) && item instanceof ObjectNode o) {
                            o.put("primary", false);
                        }
                    }
                }
            }
        }
        if (container != user && container.isEmpty()) {
            user.remove(path.schema());
        }
    }

    private static void complex(ObjectNode container, String op, Path path, JsonNode value) {
        String name = path.attr().name();
        JsonNode existing = container.get(name);
        if (op.equals("remove")) {
            if (path.sub() == null) {
                container.remove(name);
            } else if (existing instanceof ObjectNode o) {
                o.remove(path.sub().name());
                if (o.isEmpty()) {
                    container.remove(name);
                }
            }
            return;
        }
        ObjectNode target = existing instanceof ObjectNode o ? o : container.putObject(name);
        if (path.sub() != null) {
            if (value.isNull()) {
                target.remove(path.sub().name());
            } else {
                target.set(path.sub().name(), value);
            }
        } else if (value.isNull()) {
            container.remove(name);
            return;
        } else {
            JsonNode v = name.equals("manager") && value.isTextual() ? F.objectNode().put("value", value.asText()) : value;
            if (!v.isObject()) {
                throw ScimException.invalidValue(path.raw() + " must be set to an object of its sub-attributes.");
            }
            v.fields().forEachRemaining(e -> {
                if (ScimAttributes.ignoredSub(path.attr(), e.getKey())) {
                    return;
                }
                ScimAttributes.Attr sub = path.attr().sub(e.getKey()).orElseThrow(() -> ScimException.invalidSyntax(
                        "The attribute " + path.raw() + "." + e.getKey() + " is not defined for User here (see /scim/v2/Schemas)."));
                if (sub.readOnly()) {
                    return;
                }
                if (e.getValue().isNull()) {
                    target.remove(sub.name());
                } else {
                    target.set(sub.name(), e.getValue());
                }
            });
        }
        if (target.isEmpty()) {
            container.remove(name);
        }
    }

    private static void multiSimple(ObjectNode container, String op, Path path, JsonNode value) {
        String name = path.attr().name();
        ArrayNode array = container.get(name) instanceof ArrayNode a ? a : F.arrayNode();
        List<JsonNode> values = value == null || value.isNull() ? List.of() : value.isArray() ? list(value) : List.of(value);
        if (path.filter() == null) {
            switch (op) {
                case "remove" -> container.remove(name);
                case "replace" -> container.set(name, F.arrayNode().addAll(values));
                default -> {
                    for (JsonNode v : values) {
                        if (!containsText(array, v)) {
                            array.add(v);
                        }
                    }
                    container.set(name, array);
                }
            }
            return;
        }
        List<Integer> matched = matching(array, path.filter());
        if (matched.isEmpty() && !op.equals("add")) {
            throw ScimException.noTarget("No value of " + path.raw() + " matches.");
        }
        ArrayNode result = F.arrayNode();
        for (int i = 0; i < array.size(); i++) {
            if (!matched.contains(i)) {
                result.add(array.get(i));
            }
        }
        if (!op.equals("remove")) {
            for (JsonNode v : values) {
                if (!containsText(result, v)) {
                    result.add(v);
                }
            }
        }
        container.set(name, result);
    }

    private static void multiComplex(ObjectNode container, String op, Path path, JsonNode value) {
        String name = path.attr().name();
        ArrayNode array = container.get(name) instanceof ArrayNode a ? a : F.arrayNode();
        boolean remove = op.equals("remove");
        if (path.filter() == null && path.sub() == null) {
            if (remove) {
                container.remove(name);
                return;
            }
            List<JsonNode> items = value.isNull() ? List.of() : value.isArray() ? list(value) : List.of(value);
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw ScimException.invalidValue(path.raw() + " values must be objects such as {\"value\": ..., \"type\": \"work\"}.");
                }
            }
            if (op.equals("replace")) {
                container.set(name, F.arrayNode().addAll(items));
                return;
            }
            for (JsonNode item : items) {
                ObjectNode same = sameValue(array, item);
                if (same != null) {
                    same.setAll((ObjectNode) item);
                } else {
                    array.add(item);
                }
            }
            container.set(name, array);
            return;
        }
        List<Integer> matched = path.filter() == null ? allIndices(array) : matching(array, path.filter());
        if (matched.isEmpty()) {
            if (op.equals("add") && path.filter() != null) {
                ObjectNode created = seed(path.filter());
                if (path.sub() != null) {
                    created.set(path.sub().name(), value);
                } else if (value.isObject()) {
                    created.setAll((ObjectNode) value);
                } else {
                    throw ScimException.invalidValue(path.raw() + " must be set to an object.");
                }
                array.add(created);
                container.set(name, array);
                return;
            }
            throw ScimException.noTarget("No value of " + path.raw() + " matches.");
        }
        if (remove && path.sub() == null) {
            ArrayNode kept = F.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                if (!matched.contains(i)) {
                    kept.add(array.get(i));
                }
            }
            container.set(name, kept);
            return;
        }
        for (int i : matched) {
            if (!(array.get(i) instanceof ObjectNode item)) {
                continue;
            }
            if (path.sub() != null) {
                if (remove || value.isNull()) {
                    item.remove(path.sub().name());
                } else {
                    item.set(path.sub().name(), value);
                }
            } else if (value.isObject()) {
                item.setAll((ObjectNode) value);
            } else {
                throw ScimException.invalidValue(path.raw() + " must be set to an object.");
            }
        }
    }

    /** Resolves a PATCH path against the User schemas. */
    static Path parsePath(String raw) {
        String[] split = Scim.splitUrn(raw).orElseThrow(() -> ScimException.invalidPath(
                "The path " + raw + " names an unknown schema; the User schemas are " + String.join(", ", Scim.USER_SCHEMAS) + "."));
        String schema = split[0];
        String rest = split[1];
        if (rest.isEmpty()) {
            if (Scim.USER.equals(schema)) {
                throw ScimException.invalidPath("The path " + raw + " names no attribute.");
            }
            return new Path(raw, schema, null, null, null, false);
        }
        String name;
        String filterText = null;
        String subName = null;
        int bracket = rest.indexOf('[');
        int dot = rest.indexOf('.');
        if (bracket >= 0 && (dot < 0 || bracket < dot)) {
            name = rest.substring(0, bracket);
            int close = closingBracket(rest, bracket);
            if (close < 0) {
                throw ScimException.invalidPath("The path " + raw + " has a [ without ].");
            }
            filterText = rest.substring(bracket + 1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(".")) {
                subName = after.substring(1);
            } else if (!after.isEmpty()) {
                throw ScimException.invalidPath("The path " + raw + " has " + after + " after its filter.");
            }
        } else if (dot >= 0) {
            name = rest.substring(0, dot);
            subName = rest.substring(dot + 1);
        } else {
            name = rest;
        }
        if (ScimAttributes.readOnly(schema, name)) {
            throw ScimException.mutability("The attribute " + name + " is read-only: only the service sets it.");
        }
        if (ScimAttributes.ignored(schema, name)) {
            return new Path(raw, schema, null, null, null, true);
        }
        ScimAttributes.Attr attr = ScimAttributes.find(schema, name).orElseThrow(() -> {
            for (String extension : List.of(Scim.ENTERPRISE, Scim.MATCHING)) {
                if (Scim.USER.equals(schema) && ScimAttributes.find(extension, name).isPresent()) {
                    return ScimException.invalidPath("The attribute " + name + " belongs to the extension " + extension
                            + ": use the path " + extension + ":" + rest + ".");
                }
            }
            return ScimException.invalidPath("The path " + raw + " names no attribute of User here (see /scim/v2/Schemas).");
        });
        ScimFilter.Node filter = null;
        if (filterText != null) {
            if (!attr.multiValued()) {
                throw ScimException.invalidPath("The attribute " + attr.name() + " is not multi-valued: it takes no [filter].");
            }
            try {
                filter = ScimFilter.parse(filterText);
            } catch (ScimException e) {
                throw ScimException.invalidPath("The filter in path " + raw + " is not valid: " + e.getMessage());
            }
        }
        ScimAttributes.Attr sub = null;
        if (subName != null) {
            if (ScimAttributes.ignoredSub(attr, subName)) {
                return new Path(raw, schema, null, null, null, true);
            }
            sub = attr.sub(subName).orElseThrow(() -> ScimException.invalidPath(
                    "The path " + raw + " names no sub-attribute of " + attr.name() + " here (see /scim/v2/Schemas)."));
            if (sub.readOnly()) {
                throw ScimException.mutability("The attribute " + attr.name() + "." + sub.name() + " is read-only: only the service sets it.");
            }
        }
        return new Path(raw, schema, attr, filter, sub, false);
    }

    private static int closingBracket(String s, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode extension(ObjectNode user, String schema, boolean create) {
        JsonNode existing = user.get(schema);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        if (!create) {
            return null;
        }
        ObjectNode created = user.putObject(schema);
        JsonNode schemas = user.get("schemas");
        if (schemas instanceof ArrayNode a && !containsText(a, TextNode.valueOf(schema))) {
            a.add(schema);
        }
        return created;
    }

    /** A new email from the equality conditions of its filter: {@code [type eq "work"]} gives {type: work}. */
    private static ObjectNode seed(ScimFilter.Node filter) {
        ObjectNode item = F.objectNode();
        if (filter instanceof ScimFilter.Compare c && c.op().equals("eq") && !c.value().isNull()) {
            item.set(c.attr(), c.value());
        } else if (filter instanceof ScimFilter.And and) {
            item.setAll(seed(and.left()));
            item.setAll(seed(and.right()));
        }
        return item;
    }

    private static List<Integer> matching(ArrayNode array, ScimFilter.Node filter) {
        List<Integer> matched = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (ScimFilter.matches(filter, array.get(i))) {
                matched.add(i);
            }
        }
        return matched;
    }

    private static List<Integer> allIndices(ArrayNode array) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static ObjectNode sameValue(ArrayNode array, JsonNode item) {
        JsonNode v = field(item, "value");
        if (v == null || !v.isTextual()) {
            return null;
        }
        for (JsonNode existing : array) {
            JsonNode ev = field(existing, "value");
            if (existing instanceof ObjectNode o && ev != null && ev.isTextual() && ev.asText().equalsIgnoreCase(v.asText())) {
                return o;
            }
        }
        return null;
    }

    private static Set<JsonNode> primaries(JsonNode array) {
        Set<JsonNode> result = Collections.newSetFromMap(new IdentityHashMap<>());
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                JsonNode p = field(item, "primary");
                if (p != null && (p.asBoolean() || (p.isTextual() && p.asText().equalsIgnoreCase("true")))) {
                    result.add(item);
                }
            }
        }
        return result;
    }

    private static boolean containsText(ArrayNode array, JsonNode v) {
        for (JsonNode existing : array) {
            if (existing.isTextual() && v.isTextual() && existing.asText().equalsIgnoreCase(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** A member of {@code node} by name, regardless of case. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
            }
        }
        return null;
    }
}
