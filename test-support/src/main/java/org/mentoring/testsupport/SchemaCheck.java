package org.mentoring.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value (as REST Assured or Jackson read it: maps, lists, strings, numbers, booleans, null) against a
 * schema of an OpenAPI 3.1 document, as far as a strict generated client cares: {@code $ref}, types with
 * {@code "null"}, {@code anyOf}/{@code oneOf} with {@code {type: null}}, {@code required}, {@code enum}, lengths,
 * patterns, bounds and the items of arrays and maps. Each violation names its JSON path.
 */
public final class SchemaCheck {

    private final Map<String, Object> document;

    public SchemaCheck(Map<String, Object> document) {
        this.document = document;
    }

    /** What in {@code value} the schema does not allow; empty when it fits. */
    public List<String> violations(Object value, Map<?, ?> schema, String path) {
        List<String> found = new ArrayList<>();
        check(value, schema, path, found, 0);
        return found;
    }

    /** The schema a {@code $ref} names ({@code #/components/schemas/X}). */
    @SuppressWarnings("unchecked")
    public Map<?, ?> resolve(Map<?, ?> schema) {
        int depth = 0;
        while (schema != null && schema.get("$ref") instanceof String ref && depth++ < 20) {
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (!(target instanceof Map<?, ?> resolved)) {
                return Map.of();
            }
            schema = resolved;
        }
        return schema;
    }

    /** True when the schema lets the value be null: {@code type: [X, "null"]} or an alternative {@code {type: null}}. */
    public boolean nullable(Map<?, ?> schema) {
        Map<?, ?> s = resolve(schema);
        if (types(s).contains("null") || types(schema).contains("null")) {
            return true;
        }
        for (String key : List.of("anyOf", "oneOf")) {
            for (Map<?, ?> where : List.of(schema, s)) {
                if (where.get(key) instanceof List<?> alternatives
                        && alternatives.stream().anyMatch(a -> a instanceof Map<?, ?> m && nullable(m))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> types(Map<?, ?> schema) {
        Object type = schema.get("type");
        if (type instanceof String t) {
            return List.of(t);
        }
        if (type instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private void check(Object value, Map<?, ?> raw, String path, List<String> found, int depth) {
        if (raw == null || depth > 40) {
            return;
        }
        if (value == null) {
            if (!nullable(raw)) {
                found.add(path + " is null but its schema is not nullable");
            }
            return;
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (raw.get(key) instanceof List<?> alternatives && !alternatives.isEmpty()) {
                List<String> best = null;
                for (Object alternative : alternatives) {
                    if (alternative instanceof Map<?, ?> a) {
                        List<String> mine = new ArrayList<>();
                        check(value, a, path, mine, depth + 1);
                        if (best == null || mine.size() < best.size()) {
                            best = mine;
                        }
                    }
                }
                if (best != null) {
                    found.addAll(best);
                }
            }
        }
        if (raw.get("allOf") instanceof List<?> all) {
            all.forEach(a -> check(value, (Map<?, ?>) a, path, found, depth + 1));
        }
        Map<?, ?> schema = resolve(raw);
        if (schema != raw) {
            check(value, schema, path, found, depth + 1);
            return;
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(t -> fits(value, t))) {
            found.add(path + " is " + kind(value) + " but the schema says " + types);
            return;
        }
        if (schema.get("enum") instanceof List<?> values && values.stream().noneMatch(v -> String.valueOf(v).equals(String.valueOf(value)))) {
            found.add(path + " is " + value + ", not one of " + values);
        }
        if (value instanceof String s) {
            if (schema.get("maxLength") instanceof Number max && s.length() > max.intValue()) {
                found.add(path + " is longer than " + max);
            }
            if (schema.get("minLength") instanceof Number min && s.length() < min.intValue()) {
                found.add(path + " is shorter than " + min);
            }
            if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(s).find()) {
                found.add(path + " '" + s + "' does not match " + pattern);
            }
        }
        if (value instanceof Number n) {
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                found.add(path + " is above " + max);
            }
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                found.add(path + " is below " + min);
            }
        }
        if (value instanceof Collection<?> list) {
            if (schema.get("maxItems") instanceof Number max && list.size() > max.intValue()) {
                found.add(path + " has more than " + max + " items");
            }
            if (schema.get("minItems") instanceof Number min && list.size() < min.intValue()) {
                found.add(path + " has fewer than " + min + " items");
            }
            if (schema.get("items") instanceof Map<?, ?> items) {
                int i = 0;
                for (Object item : list) {
                    check(item, items, path + "[" + i++ + "]", found, depth + 1);
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
            if (schema.get("required") instanceof List<?> required) {
                for (Object name : required) {
                    if (!object.containsKey(name)) {
                        found.add(path + "." + name + " is required but absent");
                    }
                }
            }
            object.forEach((name, member) -> {
                if (properties.get(name) instanceof Map<?, ?> property) {
                    check(member, property, path + "." + name, found, depth + 1);
                } else if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                    check(member, additional, path + "." + name, found, depth + 1);
                } else if (!properties.isEmpty() && Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    found.add(path + "." + name + " is not a property of the schema");
                }
            });
        }
    }

    private static boolean fits(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof Collection<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> false;
            default -> true;
        };
    }

    private static String kind(Object value) {
        return value instanceof String ? "a string" : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean"
                : value instanceof Collection<?> ? "an array" : value instanceof Map<?, ?> ? "an object" : value.getClass().getSimpleName();
    }
}
